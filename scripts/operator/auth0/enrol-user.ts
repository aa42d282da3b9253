// Enrols one demo user's shared number for SMS MFA, looking first so a second
// run changes nothing. `reset` removes the user's phone enrolments and creates
// the demo number again (for a user whose enrolment was changed by hand).
import type { ManagementClient } from "auth0";
import { describeAuth0Error, isFatalAuth0Error, statusOf } from "./auth0-errors.js";
import type { DemoUser } from "./demo-users.js";

export type EnrolStatus =
  | "enrolled"
  | "already-enrolled"
  | "re-enrolled"
  | "unknown-user"
  | "has-other-phone"
  | "failed";

export interface EnrolResult {
  user: DemoUser;
  status: EnrolStatus;
  /** One line for the report. */
  detail: string;
  /** The number is enrolled on every Auth0 account with this email (or would be, in a dry run). */
  ok: boolean;
  /** The Auth0 accounts with this email (user ids), for the authenticator step; [] when unknown. */
  accounts: string[];
}

export interface EnrolOptions {
  reset: boolean;
  dryRun: boolean;
}

async function enrolAccount(
  client: ManagementClient,
  userId: string,
  phoneNumber: string,
  options: EnrolOptions,
): Promise<{ status: EnrolStatus; detail: string }> {
  const methods = (await client.users.authenticationMethods.list(userId, { per_page: 50 })).data;
  const phones = methods.filter((method) => method.type === "phone");
  const same = phones.some((method) => method.phone_number === phoneNumber);
  const others = phones.filter((method) => method.phone_number !== phoneNumber);
  const would = options.dryRun ? "would be " : "";

  if (!options.reset) {
    if (same) return { status: "already-enrolled", detail: "already enrolled" };
    if (others.length) {
      return {
        status: "has-other-phone",
        detail: `has ${others.map((method) => method.phone_number ?? "another phone").join(", ")} enrolled instead: run with --reset to replace it`,
      };
    }
  }
  if (!options.dryRun) {
    for (const method of phones) await client.users.authenticationMethods.delete(userId, method.id);
    try {
      await client.users.authenticationMethods.create(userId, {
        type: "phone",
        phone_number: phoneNumber,
        preferred_authentication_method: "sms",
      });
    } catch (error) {
      // Someone enrolled it between our look and our write: the goal is met.
      if (statusOf(error) === 409 && !options.reset)
        return { status: "already-enrolled", detail: "already enrolled" };
      throw error;
    }
  }
  if (phones.length) {
    const removed = phones.map((method) => method.phone_number ?? method.id).join(", ");
    return { status: "re-enrolled", detail: `${would}re-enrolled for SMS (removed ${removed})` };
  }
  return { status: "enrolled", detail: `${would}enrolled for SMS` };
}

export async function enrolUser(
  client: ManagementClient,
  user: DemoUser,
  options: EnrolOptions,
): Promise<EnrolResult> {
  // Known before a later call fails, so the authenticator step can still run.
  let ids: string[] = [];
  try {
    const accounts = await client.users.listUsersByEmail({ email: user.email });
    ids = accounts.map((account) => account.user_id).filter((id): id is string => Boolean(id));
    if (!ids.length) {
      return {
        user,
        status: "unknown-user",
        detail:
          "no Auth0 user has this email: create the user (User Management → Users) or fix the file",
        ok: false,
        accounts: [],
      };
    }
    // The same email can belong to several connections; each account gets the number.
    const results = [];
    for (const id of ids)
      results.push({ id, ...(await enrolAccount(client, id, user.phoneNumber, options)) });
    const failed = results.find((result) => result.status === "has-other-phone");
    const shown = failed ?? results[0];
    const accountsNote = ids.length > 1 ? ` (${ids.length} accounts with this email)` : "";
    return {
      user,
      status: shown?.status ?? "failed",
      detail: `${shown?.detail ?? ""}${accountsNote}`,
      ok: !failed,
      accounts: ids,
    };
  } catch (error) {
    if (isFatalAuth0Error(error)) throw error;
    return { user, status: "failed", detail: describeAuth0Error(error), ok: false, accounts: ids };
  }
}
