// What `npm run deploy` checks before it changes anything, as pure judgements
// of facts the command gathered: the page's production settings, the
// function's secrets, and who may read the codes. Each failure names its fix.
import type { InboxConfig } from "web/config";
import type { AccessState } from "../access/access-store.js";
import { fail, pass, skip, type Verdict } from "../doctor/check.js";
import { describeEntries } from "../doctor/checks/allow-list.js";
import type { SecretState } from "./firebase-cli.js";
import type { FunctionSecret } from "./function-secrets.js";
import type { DeployOptions } from "./options.js";

export interface DeployFacts {
  /** resolveConfig("production", …) of the page's settings, or why it refused. */
  page: { config: InboxConfig } | { problem: string };
  secrets: { secret: FunctionSecret; state: SecretState }[];
  access: AccessState | { problem: string };
}

export interface DeployCheck {
  name: string;
  verdict: Verdict;
}

const PAGE_SETTINGS = "web/.env.production.local (or the environment)";

export function judgePage(facts: DeployFacts, options: DeployOptions): Verdict {
  if (!options.only.includes("hosting")) return skip("not deploying hosting");
  if ("problem" in facts.page) {
    return fail(
      facts.page.problem,
      `copy your web app's config (Firebase console → Project settings → Your apps) into ${PAGE_SETTINGS}`,
    );
  }
  const { projectId, authDomain } = facts.page.config.firebase;
  if (projectId !== options.projectId) {
    return fail(
      `the page is set up for project ${projectId}, and you deploy to ${options.projectId}`,
      `set VITE_FIREBASE_PROJECT_ID=${options.projectId} and that project's apiKey and authDomain in ${PAGE_SETTINGS}, or deploy to --project ${projectId}`,
    );
  }
  return pass(`project ${projectId}, sign-in through ${authDomain}`);
}

export function judgeSecrets(facts: DeployFacts, options: DeployOptions): Verdict {
  if (!options.only.includes("functions")) return skip("not deploying functions");
  const fix = `npm run deploy:secrets -- --project ${options.projectId}`;
  for (const { secret, state } of facts.secrets) {
    if (typeof state === "object") {
      return fail(`could not look up ${secret.name}: ${state.problem}`, state.fix);
    }
  }
  const missing = facts.secrets.filter((entry) => entry.state === "missing");
  if (missing.length > 0) {
    return fail(
      `${missing.map((entry) => entry.secret.name).join(", ")} not set in ${options.projectId}: the function would refuse every code`,
      `${fix} (generates ${missing.length === 1 ? "it" : "them"}, keeps a copy in .env for ${missing[0]?.secret.passedOnTo})`,
    );
  }
  return pass(facts.secrets.map((entry) => entry.secret.name).join(", "));
}

export function judgeAccess(facts: DeployFacts, options: DeployOptions): Verdict {
  const project = `GOOGLE_CLOUD_PROJECT=${options.projectId}`;
  if ("problem" in facts.access) {
    return fail(
      `could not read the allow-list: ${facts.access.problem}`,
      "gcloud auth application-default login (deploy reads config/access with Application Default Credentials)",
    );
  }
  if (facts.access.publicMode) {
    return options.allowPublic
      ? pass("public mode is ON, allowed by --allow-public")
      : fail(
          "public mode is ON: anyone with the inbox URL would read every code",
          `${project} npm run access -- public off, or pass --allow-public if it is on purpose`,
        );
  }
  const entries = describeEntries(facts.access.access);
  if (entries === undefined) {
    return fail(
      "the allow-list is empty: nobody who signs in could read the codes",
      `${project} npm run access -- add you@example.com (addresses are safer than @domain entries)`,
    );
  }
  return pass(`the allow-list has ${entries}`);
}

export function deployChecks(facts: DeployFacts, options: DeployOptions): DeployCheck[] {
  return [
    { name: "the page's production settings", verdict: judgePage(facts, options) },
    { name: "the function's secrets", verdict: judgeSecrets(facts, options) },
    { name: "who may read the codes", verdict: judgeAccess(facts, options) },
  ];
}
