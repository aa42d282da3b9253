// The refusal trail on the page: which refused deliveries are recent, and one
// quiet sentence saying how many and what to fix, for the most recent cause.
import { REFUSALS } from "functions/contract/refusals";

export interface InboxRefusal {
  id: string;
  status: number;
  error: string;
  field?: string;
  messageType?: string;
  recipient?: string;
  refusedAt: number;
  limitReached: boolean;
}

export type ParsedRefusal = { ok: true; refusal: InboxRefusal } | { ok: false; reason: string };

const millisOf = (value: unknown): number | undefined => {
  if (typeof value === "object" && value !== null && "toMillis" in value) {
    const toMillis = (value as { toMillis: unknown }).toMillis;
    if (typeof toMillis === "function") return Number(toMillis.call(value));
  }
  return undefined;
};

const optionalString = (value: unknown): string | undefined =>
  typeof value === "string" && value.length > 0 ? value : undefined;

export function parseStoredRefusal(id: string, data: Record<string, unknown>): ParsedRefusal {
  const refusedAt = millisOf(data.refusedAt);
  if (
    typeof data.status !== "number" ||
    typeof data.error !== "string" ||
    refusedAt === undefined
  ) {
    return { ok: false, reason: `refusal ${id} lacks status, error or refusedAt` };
  }
  const refusal: InboxRefusal = {
    id,
    status: data.status,
    error: data.error,
    refusedAt,
    limitReached: data.limitReached === true,
  };
  const field = optionalString(data.field);
  if (field) refusal.field = field;
  const messageType = optionalString(data.messageType);
  if (messageType) refusal.messageType = messageType;
  const recipient = optionalString(data.recipient);
  if (recipient) refusal.recipient = recipient;
  return { ok: true, refusal };
}

/** What the presenter should check, for one refusal. */
export function explainRefusal(refusal: Pick<InboxRefusal, "error" | "field">): string {
  switch (refusal.error) {
    case "unauthorized":
      return "wrong webhook secret — check OTP_WEBHOOK_SECRET in the Auth0 Action";
    case "not_configured":
      return "the webhook has no secret — set OTP_WEBHOOK_SECRET on the function";
    case "unsupported_media_type":
      return "wrong content type — the sender must post Content-Type: application/json";
    case "payload_too_large":
      return "the body is too large — is the Action's URL pointing at this webhook?";
    case "malformed_json":
      return "the body is not JSON — is the Action's URL pointing at this webhook?";
    case "invalid_request":
      if (refusal.field === "recipient")
        return "invalid phone number (recipient) — numbers must be E.164, such as +61400000001";
      if (refusal.field === "code") return "invalid or missing code — codes must be 4 to 10 digits";
      return `invalid ${refusal.field ?? "payload"} — check the Action's payload`;
    default:
      return `refused (${refusal.error})`;
  }
}

export interface RefusalSummary {
  /** Refusals recorded in the window. */
  count: number;
  /** The limit was reached: more were refused than were recorded. */
  atLeast: boolean;
  /** The most recent refusal's explanation. */
  explanation: string;
  latestAt: number;
}

/** The banner's content, or null when nothing was refused in the window. */
export function summariseRefusals(
  refusals: readonly InboxRefusal[],
  nowMs: number,
  windowMinutes: number = REFUSALS.windowMinutes,
): RefusalSummary | null {
  const since = nowMs - windowMinutes * 60_000;
  const recent = refusals.filter((refusal) => refusal.refusedAt >= since);
  if (recent.length === 0) return null;
  const latest = recent.reduce((a, b) => (b.refusedAt > a.refusedAt ? b : a));
  return {
    count: recent.length,
    atLeast: recent.some((refusal) => refusal.limitReached),
    explanation: explainRefusal(latest),
    latestAt: latest.refusedAt,
  };
}

/** "3 deliveries refused in the last 10 minutes: wrong webhook secret — …" */
export function refusalSentence(
  summary: RefusalSummary,
  windowMinutes: number = REFUSALS.windowMinutes,
): string {
  const count = `${summary.atLeast ? "More than " : ""}${summary.count}`;
  const noun = summary.count === 1 && !summary.atLeast ? "delivery" : "deliveries";
  return `${count} ${noun} refused in the last ${windowMinutes} minutes: ${summary.explanation}`;
}
