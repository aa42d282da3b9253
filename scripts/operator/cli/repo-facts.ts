// Facts about this checkout that several commands need, each read in one place:
// where the repo is, firebase.json (read once), the local stack's addresses and
// the local secrets file.
import { existsSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { type EmulatorPorts, resolveEmulatorPorts } from "functions/contract/local-stack";

export const REPO_ROOT = join(dirname(fileURLToPath(import.meta.url)), "..", "..", "..");

/** Where `npm start` keeps the local webhook secret (and, later, other local secrets). */
export const LOCAL_SECRETS_PATH = join(REPO_ROOT, "functions", ".secret.local");

export interface FirebaseJson {
  emulators: Record<string, { host?: string; port?: number } | unknown>;
  [key: string]: unknown;
}

let firebaseJson: FirebaseJson | undefined;
export function readFirebaseJson(): FirebaseJson {
  firebaseJson ??= JSON.parse(
    readFileSync(join(REPO_ROOT, "firebase.json"), "utf8"),
  ) as FirebaseJson;
  return firebaseJson;
}

/** .firebaserc, where `firebase use --add` records the default project; undefined if absent. */
export function readFirebaserc(): { projects?: { default?: string } } | undefined {
  const path = join(REPO_ROOT, ".firebaserc");
  return existsSync(path) ? JSON.parse(readFileSync(path, "utf8")) : undefined;
}

/** The emulator ports firebase.json pins, with any SMS_INBOX_<NAME>_PORT override. */
export const localEmulatorPorts = (env: NodeJS.ProcessEnv = process.env): EmulatorPorts =>
  resolveEmulatorPorts(readFirebaseJson().emulators, env);
