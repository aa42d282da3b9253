// Someone can read the codes: the allow-list (config/access, which no browser
// may read) names at least one address or domain, or public mode is on.
// Needs admin access; without it the check says how to give it.

import type { AccessState } from "../../access/access-store.js";
import { type Check, fail, pass, skip, type Verdict } from "../check.js";

/** "2 addresses and 1 domain"; undefined for an empty list. */
export function describeEntries({ emails, domains }: AccessState["access"]): string | undefined {
  const parts = [
    ...(emails.length ? [`${emails.length} address${emails.length === 1 ? "" : "es"}`] : []),
    ...(domains.length ? [`${domains.length} domain${domains.length === 1 ? "" : "s"}`] : []),
  ];
  return parts.length > 0 ? parts.join(" and ") : undefined;
}

export function judgeAllowList(state: AccessState): Verdict {
  const entries = describeEntries(state.access);
  if (entries) return pass(entries);
  if (state.publicMode) return pass("empty, and public mode is on");
  return fail(
    "the allow-list is empty: nobody who signs in can read the codes",
    "npm run access -- add you@example.com (with GOOGLE_CLOUD_PROJECT=<project> for a deployment)",
  );
}

export const allowListCheck: Check = {
  name: "the allow-list is not empty",
  async run({ admin, target }) {
    if (!admin) {
      return skip(
        target.kind === "remote"
          ? "no admin access: pass --admin to read it with Application Default Credentials (gcloud auth application-default login)"
          : "no admin access to the local Firestore",
      );
    }
    return judgeAllowList(await admin.readAccess());
  },
};
