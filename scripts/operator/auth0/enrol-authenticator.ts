// Gives one demo user the inbox's authenticator (TOTP): a fresh 160-bit secret
// enrolled at Auth0 as a totp method named AUTHENTICATOR_METHOD_NAME, and held
// by the inbox so it can compute the user's codes. authenticator-plan.ts
// decides; this carries the decision out, in an order that never leaves Auth0
// checking codes against a secret the inbox does not hold:
//
//   1. delete our old method at Auth0 (--reset): a crash here leaves the
//      inbox's old secret with no method, which the next run replaces;
//   2. store the new secret in the inbox, pending (no method id yet);
//   3. create the method at Auth0 with that secret; if Auth0 refuses, the
//      pending record is removed again;
//   4. record the method's id beside the secret: from now on it is ours.
//
// A crash between 3 and 4 leaves a method with our name whose id the inbox
// never recorded; the next run reports it and --reset replaces it. The other
// order (create first, store after) could leave Auth0 with a secret nobody
// has, which would lock the demo user out of MFA until someone deletes it.
// The secret is never printed, and is scrubbed from any error Auth0 answers.
import type { ManagementClient } from "auth0";
import type { Firestore } from "firebase-admin/firestore";
import { authenticatorPerson } from "functions/authenticator/person";
import { newAuthenticatorSecret } from "functions/authenticator/secret";
import { AUTHENTICATOR_METHOD_NAME } from "functions/contract/authenticator";
import {
  AuthenticatorChangedError,
  AuthenticatorExistsError,
  readAuthenticator,
  recordAuthenticatorMethod,
  removeAuthenticator,
  writeAuthenticator,
} from "../authenticator/authenticator-store.js";
import { UsageError } from "../cli/command.js";
import { describeAuth0Error, isFatalAuth0Error, statusOf } from "./auth0-errors.js";
import {
  type AuthenticatorDecision,
  type AuthenticatorStatus,
  planAuthenticator,
  type TotpMethod,
} from "./authenticator-plan.js";
import type { DemoUser } from "./demo-users.js";

export interface AuthenticatorResult {
  user: DemoUser;
  status: AuthenticatorStatus | "several-accounts" | "failed";
  /** One line for the report; never the secret. */
  detail: string;
  /** The user has the inbox's authenticator (or would have, in a dry run), or one it was given by hand. */
  ok: boolean;
}

export interface AuthenticatorOptions {
  reset: boolean;
  dryRun: boolean;
}

/** Never let a secret through, should Auth0 ever repeat the request in an error. */
const scrub = (text: string, secret: string): string => text.split(secret).join("[secret]");

/** Auth0 refused the new method: its one line, scrubbed, for this user's report. */
class MethodNotCreated extends Error {}

async function totpMethods(client: ManagementClient, userId: string): Promise<TotpMethod[]> {
  const methods = (await client.users.authenticationMethods.list(userId, { per_page: 50 })).data;
  return methods
    .filter((method) => method.type === "totp")
    .map((method) => ({ id: method.id, ...(method.name ? { name: method.name } : {}) }));
}

async function carryOut(
  client: ManagementClient,
  db: Firestore,
  user: DemoUser,
  userId: string,
  decision: Extract<AuthenticatorDecision, { kind: "enrol" }>,
): Promise<void> {
  const parsed = authenticatorPerson(user.email);
  if (!parsed.ok) throw new Error(`internal: ${user.email} ${parsed.message}`);
  // The inbox shows the person as the demo users file names them.
  const person = { ...parsed.person, label: user.label };

  for (const method of decision.remove) {
    try {
      await client.users.authenticationMethods.delete(userId, method.id);
    } catch (error) {
      // Already gone (deleted in the Dashboard meanwhile): the goal is met.
      if (statusOf(error) !== 404) throw error;
    }
  }

  const secret = newAuthenticatorSecret();
  await writeAuthenticator(
    db,
    { person, secret, source: "enrolled", name: AUTHENTICATOR_METHOD_NAME, userId },
    { replace: decision.replaceInbox },
  );
  let methodId: string;
  try {
    const created = await client.users.authenticationMethods.create(userId, {
      type: "totp",
      name: AUTHENTICATOR_METHOD_NAME,
      totp_secret: secret,
    });
    if (!created.id) throw new Error("Auth0 created the authenticator but returned no id");
    methodId = created.id;
  } catch (error) {
    // Auth0 does not have this secret: the inbox must not keep it either.
    await removeAuthenticator(db, person.key).catch(() => undefined);
    const line = scrub(describeAuth0Error(error), secret);
    // A UsageError ends the run with its one line, as every fatal Auth0 error does.
    if (isFatalAuth0Error(error)) throw new UsageError(line);
    throw new MethodNotCreated(line);
  }
  await recordAuthenticatorMethod(db, person.key, methodId);
}

/**
 * `userIds` are the Auth0 accounts with the user's email (enrol-user.ts found
 * them). The inbox keeps one authenticator per person, so several accounts
 * with one email get none rather than one each with a secret the inbox could
 * not tell apart.
 */
export async function enrolAuthenticator(
  client: ManagementClient,
  db: Firestore,
  user: DemoUser,
  userIds: readonly string[],
  options: AuthenticatorOptions,
): Promise<AuthenticatorResult> {
  const [userId, ...others] = userIds;
  if (!userId) return { user, status: "failed", detail: "not enrolled: no Auth0 user", ok: false };
  if (others.length > 0)
    return {
      user,
      status: "several-accounts",
      detail: `${userIds.length} Auth0 accounts have this email; the inbox keeps one authenticator per person, so none was enrolled`,
      ok: false,
    };
  const person = authenticatorPerson(user.email);
  if (!person.ok) return { user, status: "failed", detail: person.message, ok: false };

  try {
    const methods = await totpMethods(client, userId);
    const inbox = await readAuthenticator(db, person.person.key);
    const decision = planAuthenticator({ methods, inbox, ...options });
    if (decision.kind === "enrol" && !options.dryRun)
      await carryOut(client, db, user, userId, decision);
    return {
      user,
      status: decision.status,
      detail: decision.detail,
      ok: decision.kind !== "refuse",
    };
  } catch (error) {
    if (error instanceof AuthenticatorExistsError || error instanceof AuthenticatorChangedError)
      return {
        user,
        status: "failed",
        detail: `the inbox's record changed while enrolling (${error.message}): run again`,
        ok: false,
      };
    if (error instanceof MethodNotCreated)
      return { user, status: "failed", detail: error.message, ok: false };
    if (isFatalAuth0Error(error)) throw error;
    return { user, status: "failed", detail: describeAuth0Error(error), ok: false };
  }
}
