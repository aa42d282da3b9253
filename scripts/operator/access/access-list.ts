// The allow-list (config/access) as plain data: what an entry on the command
// line means, how entries are normalised, and how the list changes. The
// security rules compare lower-case strings exactly, so everything written to
// the list goes through here first.
import type { AccessConfig } from "functions/contract/firestore-schema";

export type AccessEntry = { kind: "email"; value: string } | { kind: "domain"; value: string };

export class AccessInputError extends Error {
  override name = "AccessInputError";
}

// One DNS label: letters, digits and inner hyphens, at most 63 characters.
const LABEL = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/;
// RFC 5322 dot-atom characters for the part before the @ (no quoted forms: the
// rules split the address at its single @).
const LOCAL_PART = /^[a-z0-9!#$%&'*+/=?^_`{|}~-]+(?:\.[a-z0-9!#$%&'*+/=?^_`{|}~-]+)*$/;

function validateDomain(domain: string, input: string): void {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: the range is the point: anything beyond ASCII.
  if (/[^\x00-\x7f]/.test(domain)) {
    throw new AccessInputError(
      `"${input}": write international domains in their ASCII (xn--) form, as sign-in tokens carry them.`,
    );
  }
  const labels = domain.split(".");
  if (domain.length > 253 || labels.length < 2 || !labels.every((label) => LABEL.test(label))) {
    throw new AccessInputError(`"${input}" does not name a valid domain such as example.com.`);
  }
  if (/^\d+$/.test(labels.at(-1) ?? "")) {
    throw new AccessInputError(
      `"${input}" looks like an IP address; only domain names are allowed.`,
    );
  }
}

/**
 * `alice@example.com` → that address; `@example.com` → every address at
 * exactly example.com (not its subdomains). Lower-cased, surrounding space
 * trimmed. Throws AccessInputError saying what is wrong.
 */
export function parseAccessEntry(input: string): AccessEntry {
  const text = input.trim().toLowerCase();
  if (text === "") throw new AccessInputError("Empty entry: give an email address or @domain.");
  if (text.startsWith("@")) {
    const domain = text.slice(1);
    validateDomain(domain, input);
    return { kind: "domain", value: domain };
  }
  const at = text.lastIndexOf("@");
  if (at < 0) {
    throw new AccessInputError(
      `"${input}" is neither an email address nor a domain: write alice@example.com, or @example.com for the whole domain.`,
    );
  }
  const local = text.slice(0, at);
  const domain = text.slice(at + 1);
  if (local.length > 64 || !LOCAL_PART.test(local)) {
    throw new AccessInputError(`"${input}" is not a valid email address.`);
  }
  validateDomain(domain, input);
  return { kind: "email", value: `${local}@${domain}` };
}

export function describeEntry(entry: AccessEntry): string {
  return entry.kind === "email" ? entry.value : `@${entry.value} (whole domain)`;
}

const listOf = (config: AccessConfig, kind: AccessEntry["kind"]) =>
  kind === "email" ? config.emails : config.domains;

/**
 * The allow-list held by config/access's data, or an empty one when the
 * document does not exist. Entries are normalised; values that are not
 * strings are an error rather than silently dropped, since someone edited the
 * document by hand.
 */
export function accessConfigFromData(data: unknown): AccessConfig {
  if (data === undefined) return { emails: [], domains: [] };
  if (typeof data !== "object" || data === null) {
    throw new Error("config/access is not a map: fix or delete it in the Firestore console.");
  }
  const read = (field: "emails" | "domains"): string[] => {
    const value = (data as Record<string, unknown>)[field];
    if (value === undefined) return [];
    if (!Array.isArray(value) || !value.every((item) => typeof item === "string")) {
      throw new Error(
        `config/access.${field} is not a list of strings: fix it in the Firestore console.`,
      );
    }
    return [...new Set(value.map((item) => item.trim().toLowerCase()))].sort();
  };
  return { emails: read("emails"), domains: read("domains") };
}

export interface AccessChange {
  config: AccessConfig;
  /** Entries that changed the list. */
  changed: AccessEntry[];
  /** Entries that were already on it (add) or not on it (remove). */
  unchanged: AccessEntry[];
}

function withList(config: AccessConfig, kind: AccessEntry["kind"], list: string[]): AccessConfig {
  const sorted = [...list].sort();
  return kind === "email" ? { ...config, emails: sorted } : { ...config, domains: sorted };
}

/** Adds (present: true) or removes (present: false) entries, saying which changed. */
function applyEntries(
  config: AccessConfig,
  entries: AccessEntry[],
  present: boolean,
): AccessChange {
  let next = config;
  const changed: AccessEntry[] = [];
  const unchanged: AccessEntry[] = [];
  for (const entry of entries) {
    const list = listOf(next, entry.kind);
    if (list.includes(entry.value) === present) {
      unchanged.push(entry);
      continue;
    }
    const updated = present
      ? [...list, entry.value]
      : list.filter((value) => value !== entry.value);
    next = withList(next, entry.kind, updated);
    changed.push(entry);
  }
  return { config: next, changed, unchanged };
}

export const addEntries = (config: AccessConfig, entries: AccessEntry[]): AccessChange =>
  applyEntries(config, entries, true);

export const removeEntries = (config: AccessConfig, entries: AccessEntry[]): AccessChange =>
  applyEntries(config, entries, false);
