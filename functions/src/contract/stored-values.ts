// Reading single values out of stored documents of any age, as the contract's
// normalisers (phone-labels.ts, people.ts) do: anything malformed is absent,
// never an error. Plain code, no schema library: the page imports it.
import { EMAIL_PATTERN, LIMITS } from "./notification.js";

export const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === "object" && value !== null && !Array.isArray(value);

/** Trimmed text of 1 to `max` characters. */
export const text = (value: unknown, max: number): string | undefined => {
  if (typeof value !== "string") return undefined;
  const trimmed = value.trim();
  return trimmed !== "" && trimmed.length <= max ? trimmed : undefined;
};

/** A valid email address, lower case. */
export const email = (value: unknown): string | undefined => {
  const candidate = text(value, LIMITS.maxEmailChars)?.toLowerCase();
  return candidate !== undefined && EMAIL_PATTERN.test(candidate) ? candidate : undefined;
};

/** Epoch ms from a number or what firebase's Timestamp (web and Admin SDK) offers; duck-typed to stay SDK-free. */
export function millis(value: unknown): number | undefined {
  if (typeof value === "number" && Number.isFinite(value)) return value;
  if (isRecord(value) && typeof value.toMillis === "function") {
    const ms: unknown = value.toMillis();
    return typeof ms === "number" ? ms : undefined;
  }
  return undefined;
}
