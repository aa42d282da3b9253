// One Admin SDK Firestore for the scripts. With FIRESTORE_EMULATOR_HOST set it
// talks to the local stack; otherwise to the real project named by
// GOOGLE_CLOUD_PROJECT / GCLOUD_PROJECT, with Application Default Credentials.
import { type App, getApps, initializeApp } from "firebase-admin/app";
import { type Firestore, getFirestore } from "firebase-admin/firestore";

export function resolveProjectId(env: NodeJS.ProcessEnv = process.env): string {
  const projectId = env.GOOGLE_CLOUD_PROJECT ?? env.GCLOUD_PROJECT ?? env.FIREBASE_PROJECT;
  if (!projectId) {
    throw new Error(
      "No Firebase project: set GOOGLE_CLOUD_PROJECT (or run inside the local stack, which uses demo-sms-inbox).",
    );
  }
  return projectId;
}

/**
 * Without credentials, google-auth-library probes the GCE metadata server
 * (169.254.169.254) to find some. The emulators need none, and a local stack
 * must not send traffic off the machine, so the probe is off while an emulator
 * is the target. Against a real project, Application Default Credentials apply.
 */
export function skipMetadataProbeForEmulators(env: NodeJS.ProcessEnv = process.env): void {
  const emulated = env.FIRESTORE_EMULATOR_HOST || env.FIREBASE_AUTH_EMULATOR_HOST;
  if (emulated && !env.METADATA_SERVER_DETECTION) env.METADATA_SERVER_DETECTION = "none";
}

/** An Admin SDK app for the project; `name` gives a caller an app of its own to delete. */
export function adminApp(projectId: string = resolveProjectId(), name?: string): App {
  skipMetadataProbeForEmulators();
  if (name) return initializeApp({ projectId }, name);
  const existing = getApps().find((app) => app.options.projectId === projectId);
  return existing ?? initializeApp({ projectId }, `scripts-${projectId}`);
}

export function adminFirestore(projectId?: string): Firestore {
  return getFirestore(adminApp(projectId));
}
