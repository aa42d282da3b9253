// `npm run deploy` arguments as data, apart from any I/O.
import { UsageError } from "../cli/command.js";

/** What a deploy can put in place, in firebase-tools' own target names. */
export const DEPLOY_TARGETS = ["functions", "firestore", "hosting"] as const;
export type DeployTarget = (typeof DEPLOY_TARGETS)[number];

export interface DeployOptions {
  projectId: string;
  only: DeployTarget[];
  dryRun: boolean;
  /** Public mode on is on purpose: a check that would fail on it passes. */
  allowPublic: boolean;
}

export const DEPLOY_USAGE = `Usage: npm run deploy -- --project <id> [options]
  --project <id>    the Firebase project (else GOOGLE_CLOUD_PROJECT, else .firebaserc's default)
  --only <targets>  some of ${DEPLOY_TARGETS.join(",")} (default: all three)
  --dry-run         run the checks and print the plan; build and deploy nothing
  --allow-public    public mode is on on purpose: do not stop for it
Checks first (the page's VITE_FIREBASE_* settings, the function's secrets, the allow-list);
every failed check names its fix, and nothing is deployed until all pass.`;

/** A Firebase project id as the console makes them: 6–30 of a-z, 0-9 and -. */
const PROJECT_ID = /^[a-z][a-z0-9-]{4,28}[a-z0-9]$/;

export function parseOnly(value: string | undefined): DeployTarget[] {
  if (value === undefined) return [...DEPLOY_TARGETS];
  const names = value
    .split(",")
    .map((name) => name.trim())
    .filter(Boolean);
  const unknown = names.filter((name) => !(DEPLOY_TARGETS as readonly string[]).includes(name));
  if (names.length === 0 || unknown.length > 0) {
    throw new UsageError(
      `--only takes ${DEPLOY_TARGETS.join(", ")} (comma-separated)${unknown.length ? `, not ${unknown.join(", ")}` : ""}.`,
    );
  }
  return DEPLOY_TARGETS.filter((target) => names.includes(target));
}

/** The project: --project, else GOOGLE_CLOUD_PROJECT, else .firebaserc's default. */
export function chooseProject(
  flag: string | undefined,
  env: NodeJS.ProcessEnv,
  firebaserc: { projects?: { default?: string } } | undefined,
): string {
  const projectId = flag ?? env.GOOGLE_CLOUD_PROJECT ?? firebaserc?.projects?.default;
  if (!projectId) {
    throw new UsageError(
      "Which project? Pass --project <id> (the id in Firebase console → Project settings).",
    );
  }
  if (projectId.startsWith("demo-")) {
    throw new UsageError(
      `${projectId} is a demo- project: those exist only in the emulators (npm start). Pass your real project's id.`,
    );
  }
  if (!PROJECT_ID.test(projectId)) {
    throw new UsageError(
      `"${projectId}" is not a Firebase project id (lower case, 6–30 characters).`,
    );
  }
  return projectId;
}
