// Where `auth0:enrol` writes number → label documents: the local emulator
// when FIRESTORE_EMULATOR_HOST is set, otherwise the real project named by
// GOOGLE_CLOUD_PROJECT with Application Default Credentials.
import { randomUUID } from "node:crypto";
import { connect } from "node:net";
import { deleteApp, initializeApp } from "firebase-admin/app";
import { getFirestore } from "firebase-admin/firestore";
import { describeTarget } from "../firestore/admin.js";
import { type PhoneLabelEntry, writePhoneLabels } from "../firestore/phone-labels.js";
import { DEMO_PROJECT_ID } from "../local-stack/stack-env.js";
import { UsageError } from "./config.js";

export interface LabelTarget {
  projectId: string;
  emulatorHost: string | undefined;
  description: string;
}

export const LABEL_TARGET_HELP =
  "set GOOGLE_CLOUD_PROJECT=<your Firebase project id> (after `gcloud auth application-default login`), " +
  "or FIRESTORE_EMULATOR_HOST=127.0.0.1:8080 for the local stack, or pass --no-labels";

export function resolveLabelTarget(env: NodeJS.ProcessEnv): LabelTarget {
  const emulatorHost = env.FIRESTORE_EMULATOR_HOST || undefined;
  const named = env.GOOGLE_CLOUD_PROJECT || env.GCLOUD_PROJECT || env.FIREBASE_PROJECT;
  const projectId = named || (emulatorHost ? DEMO_PROJECT_ID : undefined);
  if (!projectId) throw new UsageError(`No Firestore for the inbox labels: ${LABEL_TARGET_HELP}.`);
  return { projectId, emulatorHost, description: describeTarget(projectId, env) };
}

/** Fails fast instead of letting the SDK retry against a closed emulator port. */
function assertReachable(host: string): Promise<void> {
  const separator = host.lastIndexOf(":");
  return new Promise((resolve, reject) => {
    const socket = connect({
      host: host.slice(0, separator),
      port: Number(host.slice(separator + 1)),
    });
    socket.setTimeout(3_000);
    const fail = () => {
      socket.destroy();
      reject(
        new UsageError(
          `Nothing answers at FIRESTORE_EMULATOR_HOST=${host}: start the local stack (npm start) first.`,
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

export async function checkLabelTarget(target: LabelTarget): Promise<void> {
  if (target.emulatorHost) await assertReachable(target.emulatorHost);
}

/**
 * Writes through a Firebase app of its own, deleted afterwards, so the command
 * ends promptly (open gRPC channels would keep Node alive) without closing an
 * app someone else in the same process still uses.
 */
export async function writeLabels(target: LabelTarget, entries: PhoneLabelEntry[]): Promise<void> {
  const app = initializeApp({ projectId: target.projectId }, `auth0-enrol-${randomUUID()}`);
  try {
    await writePhoneLabels(getFirestore(app), entries);
  } finally {
    await deleteApp(app);
  }
}
