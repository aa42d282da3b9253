// Which screen the page shows. Security rules are the real gate; the page only
// explains what they decided. A signed-in user is "not allowed" once Firestore
// refuses the codes or labels listener with permission-denied.
import type { DataError, SignedInUser } from "./types.js";

export type AccessView =
  | { kind: "loading" }
  | { kind: "signed-out" }
  | { kind: "not-allowed"; user: SignedInUser }
  | { kind: "allowed"; user: SignedInUser | null; publicMode: boolean };

export interface AccessInputs {
  /** False until Firebase Auth has restored (or not) a session. */
  authResolved: boolean;
  user: SignedInUser | null;
  /** undefined while config/public has not answered yet. */
  publicMode: boolean | undefined;
  /** The latest listener errors (codes, labels). */
  listenerErrors: readonly (DataError | null)[];
}

const denied = (errors: readonly (DataError | null)[]) =>
  errors.some((e) => e?.code === "permission-denied");

export function deriveAccess(inputs: AccessInputs): AccessView {
  const { authResolved, user, publicMode, listenerErrors } = inputs;
  if (!authResolved) return { kind: "loading" };
  if (user) {
    return denied(listenerErrors)
      ? { kind: "not-allowed", user }
      : { kind: "allowed", user, publicMode: publicMode === true };
  }
  if (publicMode === undefined) return { kind: "loading" };
  // Public mode on but codes refused anyway (rules not deployed?): ask for sign-in.
  if (publicMode && !denied(listenerErrors)) {
    return { kind: "allowed", user: null, publicMode: true };
  }
  return { kind: "signed-out" };
}

/** Listen for codes and labels when someone is signed in or public mode is on. */
export function shouldListen(inputs: Pick<AccessInputs, "authResolved" | "user" | "publicMode">) {
  return inputs.authResolved && (inputs.user !== null || inputs.publicMode === true);
}
