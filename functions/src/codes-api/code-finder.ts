// What the codes API needs from Firestore, as an interface so the handler is
// tested without it (firestore-code-finder.ts is the real one).
import type { Channel } from "../contract/channel.js";
import type { StoredEmail, StoredMessageType } from "../contract/firestore-schema.js";
import type { Whose } from "./parse-query.js";
import type { Selection } from "./selection.js";

/** An instant with Firestore's precision, so "after this code" is exact. */
export interface Instant {
  seconds: number;
  nanoseconds: number;
}

export interface CodeFilter extends Selection {
  whose: Whose;
  /** Only codes received strictly after this instant. */
  receivedAfter?: Instant;
}

/** A stored code as the API reads it, times in epoch ms. */
export interface FoundCode {
  id: string;
  code: string;
  recipient: string;
  label: string;
  messageType: StoredMessageType;
  deliveryMethod: "text" | "voice" | "email";
  channel: Channel;
  /** Emails only. */
  email?: StoredEmail;
  receivedAt: number;
  expireAt: number;
  probe?: true;
}

export interface CodeFinder {
  /** When a code was received; undefined when there is no such code. */
  receivedAtOf(id: string): Promise<Instant | undefined>;
  /** A few of the newest matching codes, newest first. */
  newest(filter: CodeFilter): Promise<FoundCode[]>;
  /**
   * Calls onCodes with the newest matching codes at once and again whenever
   * they change, until the returned function is called.
   */
  watch(
    filter: CodeFilter,
    onCodes: (codes: FoundCode[]) => void,
    onError: (error: Error) => void,
  ): () => void;
}
