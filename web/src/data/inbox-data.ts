// The port between the page and Firebase. Components and hooks see only this
// interface and plain objects; firebase-inbox-data.ts implements it with the
// SDK, and tests implement it with stubs.
import type { AuthenticatorCodesAnswer } from "functions/contract/authenticator";
import type { NotedPerson } from "functions/contract/people";
import type { AuthenticatorCodesError, InboxAuthenticator } from "../logic/authenticator.js";
import type { ServerNewest } from "../logic/freshness.js";
import type { InboxRefusal } from "../logic/refusals.js";
import type {
  DataError,
  EmailBody,
  InboxCode,
  PhoneLabelEntry,
  SignedInUser,
} from "../logic/types.js";

export type Unsubscribe = () => void;

export interface Snapshot<T> {
  items: T;
  /** Firestore could not confirm this with the server (offline, reconnecting, first load). */
  fromCache: boolean;
  /** The query returned as many documents as its limit: older ones may exist unseen. */
  limitReached?: boolean;
}

export interface SnapshotHandlers<T> {
  next(snapshot: Snapshot<T>): void;
  /** The listener has stopped; subscribe again to retry. */
  error(error: DataError): void;
}

/** An auth call failed; `code` is Firebase's (e.g. "auth/invalid-action-code"). */
export class AuthFailure extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = "AuthFailure";
  }
}

/** The authenticator codes endpoint gave no codes; `status` is null when no answer came. */
export class AuthenticatorCodesFailure extends Error implements AuthenticatorCodesError {
  constructor(
    readonly status: number | null,
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = "AuthenticatorCodesFailure";
  }
}

export interface AuthActions {
  /** Google sign-in: a popup in production builds. */
  signInWithGoogle(): Promise<void>;
  /**
   * Emulator builds only: sign in as an emulated Google account. The Auth
   * emulator's own Google popup loads scripts from the internet, so locally
   * the page uses the emulator's documented fake-credential route instead.
   */
  signInWithEmulatedGoogle?: (email: string) => Promise<void>;
  /** Emails a sign-in link that brings the user back to this page. */
  sendSignInLink(email: string): Promise<void>;
  /** Non-null when this page load is a sign-in link; email is null on another device. */
  pendingSignInLink(): { email: string | null } | null;
  completeSignInLink(email: string): Promise<void>;
  /** Emulator builds only: the sign-in link the Auth emulator recorded for this address. */
  emulatorSignInLink?: (email: string) => Promise<string | null>;
  signOut(): Promise<void>;
}

/** The Firestore instance the page is on, and whether it failed for good. */
export interface SdkHealth {
  /** 0 for the first instance, one more for each new one. */
  generation: number;
  /** Why the instance is dead, or null while it works. */
  failure: string | null;
}

/** Why the page reloaded itself, for the note it shows afterwards. */
export interface ReloadNote {
  at: number;
  reason: string;
}

/** What the watchdog can do to a page whose listeners went stale (logic/watchdog.ts). */
export interface HealActions {
  /** Disables, then enables the SDK's network (unless the probe has it off). */
  restartNetwork(): Promise<void>;
  /** Terminates the Firestore instance and makes a new one (a new SdkHealth generation). */
  renewFirestore(): Promise<void>;
  /** Reloads the page, unless it did so recently; false when it did not. */
  reload(reason: string): boolean;
  /** The note of a reload the page did itself, once, just after it. */
  takeReloadNote(): ReloadNote | null;
}

export interface InboxData {
  /** Called with the restored session at once, then on every change. */
  watchAuth(next: (user: SignedInUser | null) => void): Unsubscribe;
  /** config/public; reports only server-confirmed answers. */
  watchPublicMode(handlers: {
    next(enabled: boolean): void;
    /** The listener has stopped; subscribe again to retry. */
    error(error: DataError): void;
  }): Unsubscribe;
  /** Codes received at or after sinceMs, newest first, at most CODES_LIMIT. */
  watchCodes(sinceMs: number, handlers: SnapshotHandlers<InboxCode[]>): Unsubscribe;
  watchLabels(handlers: SnapshotHandlers<PhoneLabelEntry[]>): Unsubscribe;
  /** people/: whom the webhook noted at their first code or email, for their cards. */
  watchPeople(handlers: SnapshotHandlers<NotedPerson[]>): Unsubscribe;
  /** Deliveries the webhook refused at or after sinceMs, newest first (the refusal trail). */
  watchRefusals(sinceMs: number, handlers: SnapshotHandlers<InboxRefusal[]>): Unsubscribe;
  /** authenticators/*: who has an authenticator (TOTP); no secret is ever in it. */
  watchAuthenticators(handlers: SnapshotHandlers<InboxAuthenticator[]>): Unsubscribe;
  /**
   * Every authenticator's current and next code from the inbox's endpoint, as
   * the signed-in reader (or none, in public mode); rejects with an
   * AuthenticatorCodesFailure.
   */
  readAuthenticatorCodes(): Promise<AuthenticatorCodesAnswer>;
  /** The browser's own network flag (navigator.onLine and its events). */
  watchOnline(next: (online: boolean) => void): Unsubscribe;
  /**
   * Probes the Firestore host while subscribed; reports false when it cannot be
   * reached (and takes the SDK offline so listeners say so), true when it can again.
   */
  watchReachability(next: (reachable: boolean) => void): Unsubscribe;
  /** Whether the tab is shown (server reads pause while it is hidden). */
  watchVisibility(next: (visible: boolean) => void): Unsubscribe;
  /** The Firestore instance's health, at once and on every change. */
  watchSdkHealth(next: (health: SdkHealth) => void): Unsubscribe;
  /** The newest code received from sinceMs to untilMs, asked of the server (never the cache). */
  readNewestCode(sinceMs: number, untilMs: number): Promise<ServerNewest>;
  /**
   * An email's HTML (otpEmailBodies/{codeId}), read once when someone opens
   * "View email"; null when it is gone (it expires with its code).
   */
  readEmailBody(codeId: string): Promise<EmailBody | null>;
  heal: HealActions;
  auth: AuthActions;
}

/**
 * More than any demo produces within one retention window, and more than the
 * list shows (CODES_SHOWN), so the page can say how many older codes it hides
 * and a filter still reaches past the ones shown.
 */
export const CODES_LIMIT = 200;
