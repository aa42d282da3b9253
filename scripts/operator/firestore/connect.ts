// Which Firestore a script talks to, decided the same way for every script:
// the local stack by default; a real project only when GOOGLE_CLOUD_PROJECT
// names one and no emulator is configured, so a forgotten variable never
// touches production.
import { connect } from "node:net";
import type { Firestore } from "firebase-admin/firestore";
import { DEMO_PROJECT_ID } from "functions/contract/local-stack";
import { localEmulatorPorts, readFirebaseJson } from "../cli/repo-facts.js";
import { adminFirestore } from "./admin.js";

export type FirestoreTarget =
  | { kind: "emulator"; host: string; projectId: string }
  | { kind: "project"; projectId: string };

/** `localHost` is the local stack's Firestore (host:port), used when nothing else is set. */
export function resolveFirestoreTarget(env: NodeJS.ProcessEnv, localHost: string): FirestoreTarget {
  const named = env.GOOGLE_CLOUD_PROJECT || env.GCLOUD_PROJECT || env.FIREBASE_PROJECT;
  if (env.FIRESTORE_EMULATOR_HOST) {
    return {
      kind: "emulator",
      host: env.FIRESTORE_EMULATOR_HOST,
      projectId: named || DEMO_PROJECT_ID,
    };
  }
  if (named) return { kind: "project", projectId: named };
  return { kind: "emulator", host: localHost, projectId: DEMO_PROJECT_ID };
}

export function describeFirestoreTarget(target: FirestoreTarget): string {
  return target.kind === "emulator"
    ? `the local Firestore emulator at ${target.host} (project ${target.projectId})`
    : `Firestore of the real project ${target.projectId} (Application Default Credentials)`;
}

/** The local stack's Firestore, from firebase.json (and SMS_INBOX_FIRESTORE_PORT). */
export function localFirestoreHost(env: NodeJS.ProcessEnv): string {
  const firestore = readFirebaseJson().emulators.firestore as { host?: string } | undefined;
  return `${firestore?.host ?? "127.0.0.1"}:${localEmulatorPorts(env).firestore}`;
}

/** Fails fast with advice instead of letting the SDK retry against a closed port. */
export function assertReachable(host: string): Promise<void> {
  const separator = host.lastIndexOf(":");
  return new Promise((resolve, reject) => {
    const socket = connect({
      host: host.slice(0, separator),
      port: Number(host.slice(separator + 1)),
      timeout: 3_000,
    });
    const fail = () => {
      socket.destroy();
      reject(
        new Error(
          `Nothing answers at ${host}. Start the local stack first (npm start), ` +
            "or set GOOGLE_CLOUD_PROJECT=<id> (and unset FIRESTORE_EMULATOR_HOST) to use a real project.",
        ),
      );
    };
    socket.once("connect", () => {
      socket.end();
      resolve();
    });
    socket.once("timeout", fail);
    socket.once("error", fail);
  });
}

/**
 * Checks the target answers and, for the emulator, sets FIRESTORE_EMULATOR_HOST,
 * which the Admin SDK reads when it first connects.
 */
export async function prepareFirestoreTarget(
  env: NodeJS.ProcessEnv = process.env,
  target: FirestoreTarget = resolveFirestoreTarget(env, localFirestoreHost(env)),
): Promise<FirestoreTarget> {
  if (target.kind === "emulator") {
    await assertReachable(target.host);
    env.FIRESTORE_EMULATOR_HOST = target.host;
  }
  return target;
}

/** The Admin SDK Firestore for the resolved target. */
export async function openFirestore(
  env: NodeJS.ProcessEnv = process.env,
  resolved?: FirestoreTarget,
): Promise<{ db: Firestore; target: FirestoreTarget }> {
  const target = await prepareFirestoreTarget(env, resolved);
  return { db: adminFirestore(target.projectId), target };
}
