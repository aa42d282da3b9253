// Facts about this checkout that several commands need, each read in one place:
// where the repo is, firebase.json (read once), the local stack's addresses and
// the local secrets file.
import { existsSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
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

/**
 * TypeScript 7's tsc, by path: @typescript/typescript6 (the compiler API that
 * rollup-plugin-dts needs until TypeScript 7.1) installs TypeScript 6's tsc as
 * well, and npm may link either one as node_modules/.bin/tsc.
 */
export function typescriptCompiler(): { tsc: string; version: string } {
  const dir = dirname(createRequire(import.meta.url).resolve("typescript/package.json"));
  const { version } = JSON.parse(readFileSync(join(dir, "package.json"), "utf8")) as {
    version: string;
  };
  return { tsc: join(dir, "bin", "tsc"), version };
}
