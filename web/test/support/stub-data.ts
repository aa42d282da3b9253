// An InboxData whose listeners the test drives by hand: no Firebase at all.

import { act } from "@testing-library/preact";
import type { AuthenticatorCodesAnswer } from "functions/contract/authenticator";
import type { NotedPerson } from "functions/contract/people";
import { vi } from "vitest";
import {
  AuthenticatorCodesFailure,
  type InboxData,
  type SdkHealth,
  type SnapshotHandlers,
} from "../../src/data/inbox-data.js";
import type { InboxAuthenticator } from "../../src/logic/authenticator.js";
import type { ServerNewest } from "../../src/logic/freshness.js";
import type { InboxRefusal } from "../../src/logic/refusals.js";
import type {
  DataError,
  EmailBody,
  InboxCode,
  PhoneLabelEntry,
  SignedInUser,
} from "../../src/logic/types.js";

export interface StubInboxData {
  data: InboxData;
  signIn(user: SignedInUser | null): void;
  publicMode(enabled: boolean): void;
  publicModeError(error: DataError): void;
  codes(items: InboxCode[], fromCache?: boolean, limitReached?: boolean): void;
  codesError(error: DataError): void;
  labels(items: PhoneLabelEntry[], fromCache?: boolean): void;
  /** people/ as the webhook noted them. */
  people(items: NotedPerson[], fromCache?: boolean): void;
  refusals(items: InboxRefusal[]): void;
  refusalsError(error: DataError): void;
  visible(value: boolean): void;
  /** The SDK failed for good (as its queue does); renewFirestore makes a new one. */
  sdkFails(reason?: string): void;
  /**
   * What the server answers the freshness read: "mirror" (default) the newest
   * in the read's window of the codes last pushed with fromCache false and of
   * `serverOnly`, "hang" never, "fail" a rejection, or a given newest code.
   */
  server: {
    answer: "mirror" | "hang" | "fail" | ServerNewest;
    /** Codes the server has and the listener has not delivered. */
    serverOnly: InboxCode[];
  };
  /** The window of the page's last freshness read. */
  lastServerRead: () => { sinceMs: number; untilMs: number } | undefined;
  /** How often the page read the newest code from the server. */
  serverReads: () => number;
  online(value: boolean): void;
  reachable(value: boolean): void;
  /** otpEmailBodies by code id: what readEmailBody answers (null when absent). */
  emailBodies: Map<string, EmailBody>;
  /** The ids readEmailBody was asked for, in order. */
  emailBodyReads: string[];
  authenticators(items: InboxAuthenticator[]): void;
  authenticatorsError(error: DataError): void;
  /**
   * What readAuthenticatorCodes answers: a function of the call's number
   * (1, 2, …) giving an answer, or an HTTP status to fail with.
   */
  authenticatorEndpoint: { answer: (call: number) => AuthenticatorCodesAnswer | number };
  /** How often the page asked the endpoint. */
  authenticatorReads: () => number;
  /** How often watchCodes was called, and with which lower bound last. */
  codeSubscriptions: { count: number; lastSinceMs: number | null; active: number };
}

export const ALICE: SignedInUser = {
  uid: "alice-uid",
  email: "alice@example.com",
  emailVerified: true,
  displayName: "Alice",
};

export function stubInboxData(): StubInboxData {
  let authNext: ((user: SignedInUser | null) => void) | undefined;
  let publicHandlers: { next(enabled: boolean): void; error(error: DataError): void } | undefined;
  // Several parts of the page watch visibility (the freshness checks, the authenticator codes).
  const visibleWatchers = new Set<(visible: boolean) => void>();
  let healthNext: ((health: SdkHealth) => void) | undefined;
  let health: SdkHealth = { generation: 0, failure: null };
  let serverCodes: InboxCode[] = [];
  let lastRead: { sinceMs: number; untilMs: number } | undefined;
  let reads = 0;
  const server: StubInboxData["server"] = { answer: "mirror", serverOnly: [] };
  let onlineNext: ((online: boolean) => void) | undefined;
  let reachableNext: ((reachable: boolean) => void) | undefined;
  let codeHandlers: SnapshotHandlers<InboxCode[]> | undefined;
  let labelHandlers: SnapshotHandlers<PhoneLabelEntry[]> | undefined;
  let peopleHandlers: SnapshotHandlers<NotedPerson[]> | undefined;
  let refusalHandlers: SnapshotHandlers<InboxRefusal[]> | undefined;
  let authenticatorHandlers: SnapshotHandlers<InboxAuthenticator[]> | undefined;
  let authenticatorReads = 0;
  const authenticatorEndpoint: StubInboxData["authenticatorEndpoint"] = {
    answer: () => 503,
  };
  const codeSubscriptions = { count: 0, lastSinceMs: null as number | null, active: 0 };
  const emailBodies = new Map<string, EmailBody>();
  const emailBodyReads: string[] = [];
  const data: InboxData = {
    watchAuth: (next) => {
      authNext = next;
      return () => {};
    },
    watchPublicMode: (handlers) => {
      publicHandlers = handlers;
      return () => {
        if (publicHandlers === handlers) publicHandlers = undefined;
      };
    },
    watchVisibility: (next) => {
      visibleWatchers.add(next);
      next(true);
      return () => visibleWatchers.delete(next);
    },
    watchSdkHealth: (next) => {
      healthNext = next;
      next(health);
      return () => {};
    },
    readNewestCode: (sinceMs, untilMs) => {
      reads += 1;
      lastRead = { sinceMs, untilMs };
      const { answer } = server;
      if (answer === "hang") return new Promise(() => {});
      if (answer === "fail") return Promise.reject(new Error("the read failed"));
      if (answer !== "mirror") return Promise.resolve(answer);
      const newest = [...serverCodes, ...server.serverOnly]
        .filter((code) => code.receivedAt >= sinceMs && code.receivedAt <= untilMs)
        .sort((a, b) => b.receivedAt - a.receivedAt)[0];
      return Promise.resolve(newest ? { id: newest.id, receivedAt: newest.receivedAt } : null);
    },
    readEmailBody: (codeId) => {
      emailBodyReads.push(codeId);
      return Promise.resolve(emailBodies.get(codeId) ?? null);
    },
    heal: {
      restartNetwork: vi.fn(async () => {}),
      renewFirestore: vi.fn(async () => {
        health = { generation: health.generation + 1, failure: null };
        healthNext?.(health);
      }),
      reload: vi.fn(() => false),
      takeReloadNote: vi.fn(() => null),
    },
    watchOnline: (next) => {
      onlineNext = next;
      next(true);
      return () => {};
    },
    watchReachability: (next) => {
      reachableNext = next;
      return () => {
        reachableNext = undefined;
      };
    },
    watchCodes: (sinceMs, handlers) => {
      codeSubscriptions.count += 1;
      codeSubscriptions.active += 1;
      codeSubscriptions.lastSinceMs = sinceMs;
      codeHandlers = handlers;
      return () => {
        codeSubscriptions.active -= 1;
        if (codeHandlers === handlers) codeHandlers = undefined;
      };
    },
    watchPeople: (handlers) => {
      peopleHandlers = handlers;
      return () => {
        if (peopleHandlers === handlers) peopleHandlers = undefined;
      };
    },
    watchRefusals: (_sinceMs, handlers) => {
      refusalHandlers = handlers;
      return () => {
        if (refusalHandlers === handlers) refusalHandlers = undefined;
      };
    },
    watchAuthenticators: (handlers) => {
      authenticatorHandlers = handlers;
      return () => {
        if (authenticatorHandlers === handlers) authenticatorHandlers = undefined;
      };
    },
    readAuthenticatorCodes: () => {
      authenticatorReads += 1;
      const answer = authenticatorEndpoint.answer(authenticatorReads);
      return typeof answer === "number"
        ? Promise.reject(new AuthenticatorCodesFailure(answer, "stub", `HTTP ${answer}`))
        : Promise.resolve(answer);
    },
    watchLabels: (handlers) => {
      labelHandlers = handlers;
      return () => {
        if (labelHandlers === handlers) labelHandlers = undefined;
      };
    },
    auth: {
      signInWithGoogle: vi.fn(async () => {}),
      sendSignInLink: vi.fn(async () => {}),
      pendingSignInLink: vi.fn(() => null),
      completeSignInLink: vi.fn(async () => {}),
      signOut: vi.fn(async () => authNext?.(null)),
    },
  };
  const need = <T>(value: T | undefined, what: string): T => {
    if (value === undefined) throw new Error(`the page has not subscribed to ${what}`);
    return value;
  };
  return {
    data,
    codeSubscriptions,
    emailBodies,
    emailBodyReads,
    signIn: (user) => act(() => need(authNext, "auth")(user)),
    publicMode: (enabled) => act(() => need(publicHandlers, "config/public").next(enabled)),
    publicModeError: (error) => act(() => need(publicHandlers, "config/public").error(error)),
    codes: (items, fromCache = false, limitReached = false) =>
      act(() => {
        if (!fromCache) serverCodes = items;
        need(codeHandlers, "codes").next({ items, fromCache, limitReached });
      }),
    codesError: (error) => act(() => need(codeHandlers, "codes").error(error)),
    labels: (items, fromCache = false) =>
      act(() => need(labelHandlers, "labels").next({ items, fromCache })),
    people: (items, fromCache = false) =>
      act(() => need(peopleHandlers, "people").next({ items, fromCache })),
    refusals: (items) =>
      act(() => need(refusalHandlers, "refusals").next({ items, fromCache: false })),
    authenticators: (items) =>
      act(() => need(authenticatorHandlers, "authenticators").next({ items, fromCache: false })),
    authenticatorsError: (error) =>
      act(() => need(authenticatorHandlers, "authenticators").error(error)),
    authenticatorEndpoint,
    authenticatorReads: () => authenticatorReads,
    refusalsError: (error) => act(() => need(refusalHandlers, "refusals").error(error)),
    visible: (value) =>
      act(() => {
        if (visibleWatchers.size === 0)
          throw new Error("the page has not subscribed to visibility");
        for (const watcher of visibleWatchers) watcher(value);
      }),
    sdkFails: (reason = "INTERNAL UNHANDLED ERROR") =>
      act(() => {
        health = { ...health, failure: reason };
        need(healthNext, "SDK health")(health);
      }),
    server,
    serverReads: () => reads,
    lastServerRead: () => lastRead,
    online: (value) => act(() => need(onlineNext, "online")(value)),
    reachable: (value) => act(() => need(reachableNext, "reachability")(value)),
  };
}
