// The refusal trail's shared facts: how long refusals are kept and shown, how
// many are recorded, and how a recipient is masked. The webhook writes by
// these; the page reads by them.

export const REFUSALS = {
  /** The page's banner counts refusals this recent. */
  windowMinutes: 10,
  /** expireAt is this long after the refusal; Firestore's TTL deletes it after that. */
  ttlMinutes: 60,
  /**
   * Each function instance records at most this many refusals per minute, so
   * a flood of junk costs a bounded number of writes (maxInstances × this).
   */
  recordedPerMinute: 20,
  /** The page reads at most this many (more than any minute of one instance records). */
  readLimit: 50,
} as const;

/**
 * Enough of a number to tell which one was meant, not enough to be a number:
 * "+61400000001" → "+614•••••001". Anything that is not a plausible number
 * keeps only its length.
 */
export function maskRecipient(value: string): string {
  const trimmed = value.slice(0, 32);
  if (/^\+?\d{6,15}$/.test(trimmed)) {
    const head = trimmed.startsWith("+") ? 4 : 3;
    return `${trimmed.slice(0, head)}${"•".repeat(trimmed.length - head - 3)}${trimmed.slice(-3)}`;
  }
  return `(${value.length} characters, not a phone number)`;
}

/**
 * An email address as a trail or log keeps it: the first character of the
 * local part and the domain ("alice@example.com" → "a•••@example.com"),
 * enough to tell which tenant's mail was refused. Where the log is read by
 * others (the Action's lines in the tenant's logs), `domain: "masked"` keeps
 * only the domain's first character and its last label (a•••@e•••.com).
 * Anything that is not an address keeps only its length.
 */
export function maskEmailAddress(
  value: string,
  options: { domain: "kept" | "masked" } = { domain: "kept" },
): string {
  const trimmed = value.trim().toLowerCase();
  const at = trimmed.lastIndexOf("@");
  const domain = trimmed.slice(at + 1);
  if (at < 1 || trimmed.length > 254 || !/^[a-z0-9.-]+\.[a-z]{2,}$/.test(domain)) {
    return `(${value.length} characters, not an email address)`;
  }
  const shownDomain =
    options.domain === "kept" ? domain : `${domain[0]}•••${domain.slice(domain.lastIndexOf("."))}`;
  return `${trimmed[0]}•••@${shownDomain}`;
}
