// Where `auth0:enrol` writes number → label documents and the authenticators'
// secrets: decided like every script's Firestore
// (scripts/operator/firestore/connect.ts): the local stack by default, the real
// project named by GOOGLE_CLOUD_PROJECT (and no emulator) otherwise.
import { randomUUID } from "node:crypto";
import { deleteApp } from "firebase-admin/app";
import { type Firestore, getFirestore } from "firebase-admin/firestore";
import { UsageError } from "../cli/command.js";
import { adminApp } from "../firestore/admin.js";
import {
  assertReachable,
  describeFirestoreTarget,
  type FirestoreTarget,
  localFirestoreHost,
  resolveFirestoreTarget,
} from "../firestore/connect.js";
import { type PhoneLabelEntry, writePhoneLabels } from "../firestore/phone-labels.js";

export interface LabelTarget {
  target: FirestoreTarget;
  projectId: string;
  description: string;
}

export function resolveLabelTarget(env: NodeJS.ProcessEnv): LabelTarget {
  const target = resolveFirestoreTarget(env, localFirestoreHost(env));
  return { target, projectId: target.projectId, description: describeFirestoreTarget(target) };
}

/** Fails fast instead of letting the SDK retry against a closed emulator port. */
export async function checkLabelTarget(
  { target }: LabelTarget,
  advice = "Or pass --no-labels.",
): Promise<void> {
  if (target.kind !== "emulator") return;
  await assertReachable(target.host).catch((error: Error) => {
    throw new UsageError(`${error.message} ${advice}`);
  });
}

/**
 * A Firestore of its own for one run (the authenticators' reads and writes),
 * closed by `close` for the reason writeLabels gives.
 */
export function openRunFirestore(
  { target }: LabelTarget,
  env: NodeJS.ProcessEnv = process.env,
): { db: Firestore; close(): Promise<void> } {
  if (target.kind === "emulator") env.FIRESTORE_EMULATOR_HOST = target.host;
  const app = adminApp(target.projectId, `auth0-enrol-${randomUUID()}`);
  return { db: getFirestore(app), close: () => deleteApp(app) };
}

/**
 * Writes through a Firebase app of its own, deleted afterwards, so the command
 * ends promptly (open gRPC channels would keep Node alive) without closing an
 * app someone else in the same process still uses.
 */
export async function writeLabels(
  { target }: LabelTarget,
  entries: PhoneLabelEntry[],
  env: NodeJS.ProcessEnv = process.env,
): Promise<void> {
  // The Admin SDK finds the emulator through this variable only.
  if (target.kind === "emulator") env.FIRESTORE_EMULATOR_HOST = target.host;
  const app = adminApp(target.projectId, `auth0-enrol-${randomUUID()}`);
  try {
    await writePhoneLabels(getFirestore(app), entries);
  } finally {
    await deleteApp(app);
  }
}
