// The demo users file: which Auth0 user (by email) gets which shared phone
// number, and the label the inbox shows for them. Several users may share a
// number. The file's order is the order of the inbox's cards (key 1 is the
// first user). Read by `auth0:enrol`, `send-code` and the local stack's seed.
//
//   { "owner@atko.email": "+61400000001",
//     "admin@atko.email": { "phone": "+61400000002", "label": "Admin (Alice)" },
//     "member@atko.email": "+61400000002",
//     "viewer@atko.email": { "phone": "+61400000003", "authenticator": true } }
//
// `authenticator` marks a user for an authenticator app (TOTP) enrolment by
// `auth0:enrol` even without --authenticator (true), or never (false).
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { isE164, LIMITS } from "functions/contract/notification";
import { z } from "zod";
import { UsageError } from "../cli/command.js";
import { REPO_ROOT } from "../cli/repo-facts.js";
import type { PhoneLabelEntry } from "../firestore/phone-labels.js";

export const DEMO_USERS_EXAMPLE_PATH = join(
  REPO_ROOT,
  "scripts",
  "operator",
  "auth0",
  "demo-users.example.json",
);
/** A team's own file, used instead of the example when present. */
export const DEMO_USERS_PATH = join(REPO_ROOT, "scripts", "operator", "auth0", "demo-users.json");

export interface DemoUser {
  /** Lower case. */
  email: string;
  phoneNumber: string;
  /** What the inbox shows for the user; the email unless the file says otherwise. */
  label: string;
  /** The entry's position in the file (0 first): the inbox's card order. */
  order: number;
  /** The file's own say on an authenticator; absent: as --authenticator says. */
  authenticator?: boolean;
}

export interface DemoUserProblem {
  /** The key as written in the file. */
  email: string;
  problem: string;
}

const entrySchema = z.union([
  z.string(),
  z
    .object({
      phone: z.string(),
      label: z.string().optional(),
      authenticator: z.boolean().optional(),
    })
    .strict(),
]);
const fileSchema = z.record(z.string(), entrySchema);

/** Valid users and, separately, the entries that cannot be used and why. */
export function parseDemoUsers(
  text: string,
  source: string,
): { users: DemoUser[]; problems: DemoUserProblem[] } {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new UsageError(
      `${source} is not valid JSON (${error instanceof Error ? error.message : String(error)}).`,
    );
  }
  const parsed = fileSchema.safeParse(json);
  if (!parsed.success) {
    throw new UsageError(
      `${source} must map emails to E.164 numbers, e.g. {"owner@atko.email": "+61400000001"}, or to {"phone", "label", "authenticator"} (${parsed.error.issues[0]?.message ?? "invalid"}).`,
    );
  }
  const users: DemoUser[] = [];
  const problems: DemoUserProblem[] = [];
  for (const [order, [key, value]] of Object.entries(parsed.data).entries()) {
    const email = key.trim().toLowerCase();
    const phoneNumber = (typeof value === "string" ? value : value.phone).trim();
    const label = (typeof value === "string" ? undefined : value.label?.trim()) || email;
    const authenticator = typeof value === "string" ? undefined : value.authenticator;
    if (!z.email().safeParse(email).success) {
      problems.push({ email: key, problem: "is not an email address" });
    } else if (!isE164(phoneNumber)) {
      problems.push({
        email: key,
        problem: `has "${phoneNumber}", which is not an E.164 number (a plus, the country code, the number: +61400000001)`,
      });
    } else if (label.length > LIMITS.maxLabelChars) {
      problems.push({
        email: key,
        problem: `has a label longer than ${LIMITS.maxLabelChars} characters`,
      });
    } else if (users.some((user) => user.email === email)) {
      problems.push({ email: key, problem: "appears twice" });
    } else {
      users.push({
        email,
        phoneNumber,
        label,
        order,
        ...(authenticator === undefined ? {} : { authenticator }),
      });
    }
  }
  return { users, problems };
}

export function loadDemoUsers(path: string): { users: DemoUser[]; problems: DemoUserProblem[] } {
  if (!existsSync(path)) throw new UsageError(`No demo users file at ${path}.`);
  return parseDemoUsers(readFileSync(path, "utf8"), path);
}

/**
 * The phoneLabels documents for these users: one per number, listing every
 * user on it in file order, so a shared number carries all of its users.
 */
export function phoneLabelsFor(users: readonly DemoUser[]): PhoneLabelEntry[] {
  const byNumber = new Map<string, PhoneLabelEntry>();
  for (const { email, phoneNumber, label, order } of [...users].sort((a, b) => a.order - b.order)) {
    const entry = byNumber.get(phoneNumber) ?? { phoneNumber, users: [] };
    entry.users.push({ label, email, order });
    byNumber.set(phoneNumber, entry);
  }
  return [...byNumber.values()];
}

/** The demo users on a number, in file order. */
export const usersOn = (users: readonly DemoUser[], phoneNumber: string): DemoUser[] =>
  users.filter((user) => user.phoneNumber === phoneNumber).sort((a, b) => a.order - b.order);

/** Strict: every entry must be valid (for seeding, where nobody reads a report). */
export function readDemoUsersFile(path: string): DemoUser[] {
  const { users, problems } = loadDemoUsers(path);
  if (problems.length) {
    throw new UsageError(
      `${path}: ${problems.map(({ email, problem }) => `${email} ${problem}`).join("; ")}`,
    );
  }
  return users;
}

/** The team's file when there is one, else the committed example. */
export function defaultDemoUsersPath(): string {
  return existsSync(DEMO_USERS_PATH) ? DEMO_USERS_PATH : DEMO_USERS_EXAMPLE_PATH;
}

/** Whether enrolment gives this user an authenticator: the file's mark, else the flag. */
export const wantsAuthenticator = (user: DemoUser, flag: boolean): boolean =>
  user.authenticator ?? flag;
