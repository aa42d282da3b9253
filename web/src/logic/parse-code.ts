// Turns a Firestore document's data into an InboxCode. Firestore data is
// whatever was written, so every field is checked; a document the page cannot
// show sensibly is reported, not guessed at.
import { CHANNELS, type Channel } from "functions/contract/channel";
import { isProbe } from "functions/contract/probe";
import { parseStoredEmail } from "./parse-email.js";
import type { InboxCode } from "./types.js";

/** What firebase's Timestamp offers; duck-typed so this module stays SDK-free. */
interface MillisLike {
  toMillis(): number;
}

const isMillisLike = (value: unknown): value is MillisLike =>
  typeof value === "object" &&
  value !== null &&
  typeof (value as Partial<MillisLike>).toMillis === "function";

function millis(value: unknown): number | undefined {
  if (isMillisLike(value)) return value.toMillis();
  return undefined;
}

const str = (value: unknown): string | undefined => (typeof value === "string" ? value : undefined);

const isChannel = (value: unknown): value is Channel =>
  typeof value === "string" && (CHANNELS as readonly string[]).includes(value);

function pickStrings<K extends string>(
  value: unknown,
  keys: readonly K[],
): Partial<Record<K, string>> | undefined {
  if (typeof value !== "object" || value === null) return undefined;
  const out: Partial<Record<K, string>> = {};
  for (const key of keys) {
    const field = str((value as Record<string, unknown>)[key]);
    if (field !== undefined) out[key] = field;
  }
  return Object.keys(out).length > 0 ? out : undefined;
}

export type ParseResult = { ok: true; code: InboxCode } | { ok: false; reason: string };

/**
 * @param retentionMs used only when a document lacks expireAt (older writers).
 */
export function parseStoredCode(
  id: string,
  data: Record<string, unknown>,
  retentionMs: number,
): ParseResult {
  const recipient = str(data.recipient);
  if (!recipient) return { ok: false, reason: `otpCodes/${id} has no recipient` };
  const receivedAt = millis(data.receivedAt);
  if (receivedAt === undefined) return { ok: false, reason: `otpCodes/${id} has no receivedAt` };
  const expireAt = millis(data.expireAt) ?? receivedAt + retentionMs;
  const code: InboxCode = {
    id,
    recipient,
    code: str(data.code) ?? "",
    messageText: str(data.messageText) ?? "",
    messageType: str(data.messageType) ?? "otp_verify",
    deliveryMethod: str(data.deliveryMethod) ?? "text",
    label: str(data.label) ?? "",
    receivedAt,
    expireAt,
  };
  const locale = str(data.locale);
  if (locale) code.locale = locale;
  const user = pickStrings(data.user, ["id", "email", "name"] as const);
  if (user) code.user = user;
  const client = pickStrings(data.client, ["id", "name"] as const);
  if (client) code.client = client;
  const tenant = str(data.tenant);
  if (tenant) code.tenant = tenant;
  if (isProbe(data)) code.probe = true;
  if (isChannel(data.channel)) code.channel = data.channel;
  // An email always has its email part, so the page never has to ask twice;
  // a document that says email but lost the field shows an empty subject.
  if (code.channel === "email" || code.deliveryMethod === "email" || data.email !== undefined) {
    code.email = parseStoredEmail(data.email);
  }
  return { ok: true, code };
}
