// Decides which Firestore the local stack runs: Google's emulator where it can
// run (Java 21+ and its jar), otherwise the in-memory one, and says why.
import { execFile } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { homedir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import type { FirestoreKind } from "./stack-env.js";

export const MIN_JAVA_MAJOR = 21;

export interface FirestoreChoice {
  kind: FirestoreKind;
  /** One line for the console: what runs and what that means. */
  reason: string;
}

export interface FirestoreProbe {
  /** Major version of `java` on PATH, or undefined without Java. */
  javaMajor: number | undefined;
  /** Whether firebase-tools' Firestore emulator jar is in its cache. */
  jarCached: boolean;
  /** SMS_INBOX_FIRESTORE, to force one. */
  forced: string | undefined;
}

/** `java -version` prints e.g. `openjdk version "17.0.15"` or `"1.8.0_392"`. */
export function parseJavaMajor(versionOutput: string): number | undefined {
  const match = /version "(\d+)(?:\.(\d+))?/.exec(versionOutput);
  if (!match?.[1]) return undefined;
  const first = Number(match[1]);
  return first === 1 && match[2] ? Number(match[2]) : first;
}

const IN_MEMORY_MEANS =
  "in-memory Firestore (@firestore-emulator/server) with the WebChannel gateway for browsers: " +
  "data lives in memory only and NO security rules are evaluated (rules tests are skipped).";

export function chooseFirestore(probe: FirestoreProbe): FirestoreChoice {
  if (probe.forced === "in-memory") {
    return { kind: "in-memory", reason: `SMS_INBOX_FIRESTORE=in-memory: ${IN_MEMORY_MEANS}` };
  }
  const javaOk = probe.javaMajor !== undefined && probe.javaMajor >= MIN_JAVA_MAJOR;
  if (probe.forced === "google" || (javaOk && probe.jarCached)) {
    return {
      kind: "google",
      reason: "Google's Firestore emulator (Java): security rules are evaluated as in production.",
    };
  }
  const why =
    probe.javaMajor === undefined
      ? "no Java on PATH"
      : !javaOk
        ? `Java ${probe.javaMajor} found, Google's emulator needs ${MIN_JAVA_MAJOR}+`
        : "Google's emulator jar is not downloaded (run `npx firebase setup:emulators:firestore` once online)";
  return { kind: "in-memory", reason: `${why}; running the ${IN_MEMORY_MEANS}` };
}

function firestoreJarName(): string {
  const require = createRequire(import.meta.url);
  const infoPath = join(
    require.resolve("firebase-tools/package.json"),
    "..",
    "lib/emulator/downloadableEmulatorInfo.json",
  );
  const info = JSON.parse(readFileSync(infoPath, "utf8")) as {
    firestore: { downloadPathRelativeToCacheDir: string };
  };
  return info.firestore.downloadPathRelativeToCacheDir;
}

export async function probeFirestore(
  env: NodeJS.ProcessEnv = process.env,
): Promise<FirestoreProbe> {
  let javaMajor: number | undefined;
  try {
    // java prints its version on stderr.
    const { stderr, stdout } = await promisify(execFile)("java", ["-version"], { timeout: 10_000 });
    javaMajor = parseJavaMajor(`${stderr}${stdout}`);
  } catch {
    javaMajor = undefined;
  }
  const cacheDir =
    env.FIREBASE_EMULATORS_PATH ?? join(homedir(), ".cache", "firebase", "emulators");
  return {
    javaMajor,
    jarCached: existsSync(join(cacheDir, firestoreJarName())),
    forced: env.SMS_INBOX_FIRESTORE,
  };
}
