// Which Firestore `npm run access` changes. Locally is the default: a real
// project is changed only when GOOGLE_CLOUD_PROJECT names one and no emulator
// is configured, so a forgotten variable never touches production.
import { DEMO_PROJECT_ID } from "../local-stack/stack-env.js";

export type AccessTarget =
  | { kind: "emulator"; host: string; projectId: string }
  | { kind: "project"; projectId: string };

/** `localHost` is the local stack's Firestore (host:port), used when nothing else is set. */
export function resolveAccessTarget(env: NodeJS.ProcessEnv, localHost: string): AccessTarget {
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

export function describeAccessTarget(target: AccessTarget): string {
  return target.kind === "emulator"
    ? `the local Firestore emulator at ${target.host} (project ${target.projectId})`
    : `Firestore of the real project ${target.projectId} (Application Default Credentials)`;
}
