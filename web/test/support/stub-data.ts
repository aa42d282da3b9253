// An InboxData whose listeners the test drives by hand: no Firebase at all.
import { act } from "@testing-library/preact";
import { vi } from "vitest";
import type { InboxData, SnapshotHandlers } from "../../src/data/inbox-data.js";
import type { InboxRefusal } from "../../src/logic/refusals.js";
import type { DataError, InboxCode, PhoneLabelEntry, SignedInUser } from "../../src/logic/types.js";

export interface StubInboxData {
  data: InboxData;
  signIn(user: SignedInUser | null): void;
  publicMode(enabled: boolean): void;
  codes(items: InboxCode[], fromCache?: boolean, limitReached?: boolean): void;
  codesError(error: DataError): void;
  labels(items: PhoneLabelEntry[], fromCache?: boolean): void;
  refusals(items: InboxRefusal[]): void;
  online(value: boolean): void;
  reachable(value: boolean): void;
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
  let publicNext: ((enabled: boolean) => void) | undefined;
  let onlineNext: ((online: boolean) => void) | undefined;
  let reachableNext: ((reachable: boolean) => void) | undefined;
  let codeHandlers: SnapshotHandlers<InboxCode[]> | undefined;
  let labelHandlers: SnapshotHandlers<PhoneLabelEntry[]> | undefined;
  let refusalHandlers: SnapshotHandlers<InboxRefusal[]> | undefined;
  const codeSubscriptions = { count: 0, lastSinceMs: null as number | null, active: 0 };
  const data: InboxData = {
    watchAuth: (next) => {
      authNext = next;
      return () => {};
    },
    watchPublicMode: (next) => {
      publicNext = next;
      return () => {};
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
    watchRefusals: (_sinceMs, handlers) => {
      refusalHandlers = handlers;
      return () => {
        if (refusalHandlers === handlers) refusalHandlers = undefined;
      };
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
    signIn: (user) => act(() => need(authNext, "auth")(user)),
    publicMode: (enabled) => act(() => need(publicNext, "config/public")(enabled)),
    codes: (items, fromCache = false, limitReached = false) =>
      act(() => need(codeHandlers, "codes").next({ items, fromCache, limitReached })),
    codesError: (error) => act(() => need(codeHandlers, "codes").error(error)),
    labels: (items, fromCache = false) =>
      act(() => need(labelHandlers, "labels").next({ items, fromCache })),
    refusals: (items) =>
      act(() => need(refusalHandlers, "refusals").next({ items, fromCache: false })),
    online: (value) => act(() => need(onlineNext, "online")(value)),
    reachable: (value) => act(() => need(reachableNext, "reachability")(value)),
  };
}
