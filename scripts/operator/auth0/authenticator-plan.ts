// Decides what `auth0:enrol -- --authenticator` does for one demo user, from
// the user's totp methods at Auth0 and what the inbox holds for them. Pure:
// the dry run reports the decision, the real run carries it out
// (enrol-authenticator.ts).
//
// Which authenticator is "ours": the method's name is AUTHENTICATOR_METHOD_NAME
// AND the inbox holds a secret for the user recorded with that method's id.
// Auth0 never returns a secret, so the id the inbox recorded is the only proof
// that the secret it holds is the one Auth0 checks codes against. A method with
// our name that the inbox cannot vouch for (Firestore emptied, an enrolment cut
// short) is reported: --reset replaces it. Any other totp method is someone
// else's (a presenter's phone, a hand-made enrolment) and is never replaced,
// not even with --reset: deleting it would lock a person out of their own
// authenticator app without a word.
import { AUTHENTICATOR_METHOD_NAME } from "functions/contract/authenticator";

/** A totp method as Auth0 lists it (never with its secret). */
export interface TotpMethod {
  id: string;
  name?: string;
}

/** What the inbox holds for the user (authenticator-store's readAuthenticator). */
export interface InboxAuthenticator {
  source: "enrolled" | "added";
  methodId?: string;
  hasSecret: boolean;
}

export type AuthenticatorStatus =
  | "enrolled"
  | "re-enrolled"
  | "already-enrolled"
  /** Someone else's method, whose secret the inbox was given by hand: fine as it is. */
  | "kept-added"
  /** Someone else's method: never replaced. */
  | "foreign"
  /** A method with our name whose secret the inbox does not hold: --reset replaces it. */
  | "unknown-to-inbox"
  /** A secret added by hand for an authenticator Auth0 no longer has: --reset replaces it. */
  | "stale-added";

export type AuthenticatorDecision =
  | { kind: "keep"; status: "already-enrolled" | "kept-added"; detail: string }
  | {
      kind: "enrol";
      status: "enrolled" | "re-enrolled";
      /** Our methods to delete at Auth0 first (Auth0 keeps one totp method per user). */
      remove: TotpMethod[];
      /** The inbox's record may be overwritten (it was ours, or --reset said so). */
      replaceInbox: boolean;
      detail: string;
    }
  | { kind: "refuse"; status: "foreign" | "unknown-to-inbox" | "stale-added"; detail: string };

export interface AuthenticatorPlanInput {
  methods: readonly TotpMethod[];
  inbox: InboxAuthenticator | undefined;
  reset: boolean;
  dryRun: boolean;
}

const named = (method: TotpMethod) =>
  `${method.name ? `“${method.name}”, ` : "no name, "}${method.id}`;

export function planAuthenticator({
  methods,
  inbox,
  reset,
  dryRun,
}: AuthenticatorPlanInput): AuthenticatorDecision {
  const would = dryRun ? "would be " : "";
  const ours = methods.filter((method) => method.name === AUTHENTICATOR_METHOD_NAME);
  const foreign = methods.filter((method) => method.name !== AUTHENTICATOR_METHOD_NAME);
  const vouchedFor = (method: TotpMethod) =>
    inbox?.source === "enrolled" && inbox.hasSecret && inbox.methodId === method.id;

  if (foreign.length > 0) {
    const list = foreign.map(named).join("; ");
    if (inbox?.source === "added" && inbox.hasSecret)
      return {
        kind: "keep",
        status: "kept-added",
        detail: `has an authenticator of its own (${list}) whose secret was added to the inbox by hand: left as it is`,
      };
    return {
      kind: "refuse",
      status: "foreign",
      detail: `has an authenticator the inbox did not enrol (${list}): never replaced, not even with --reset. Delete it at Auth0 (User Management → Users → the user → Multi-Factor Authentication) and run again, or give the inbox its secret with npm run authenticator:add`,
    };
  }

  if (ours.length > 0) {
    const removed = ours.map((method) => method.id).join(", ");
    if (reset)
      return {
        kind: "enrol",
        status: "re-enrolled",
        remove: ours,
        replaceInbox: true,
        detail: `${would}re-enrolled with a new authenticator secret (removed ${removed})`,
      };
    const [only] = ours;
    if (ours.length === 1 && only && vouchedFor(only))
      return {
        kind: "keep",
        status: "already-enrolled",
        detail: "already has the inbox's authenticator",
      };
    const why =
      inbox?.source === "enrolled" && inbox.methodId === only?.id && !inbox.hasSecret
        ? "the inbox has its record but has lost its secret"
        : "the inbox holds no secret for it: its Firestore was emptied, or an enrolment was cut short";
    return {
      kind: "refuse",
      status: "unknown-to-inbox",
      detail: `has an authenticator named “${AUTHENTICATOR_METHOD_NAME}” (${removed}) whose codes the inbox cannot compute (${why}): run with --reset to replace it`,
    };
  }

  if (inbox?.source === "added" && !reset)
    return {
      kind: "refuse",
      status: "stale-added",
      detail:
        "has no authenticator at Auth0, but the inbox holds a secret added by hand for this user: run with --reset to enrol a new one in its place (or remove it with npm run authenticator:remove)",
    };
  return {
    kind: "enrol",
    status: "enrolled",
    remove: [],
    // An enrolled record with no method at Auth0 is ours and useless (an
    // enrolment cut short, or the method deleted in the Dashboard).
    replaceInbox: inbox !== undefined,
    detail: `${would}enrolled with an authenticator${inbox?.source === "enrolled" ? " (the inbox's earlier record replaced: Auth0 no longer has that authenticator)" : ""}`,
  };
}
