// What the page connects to, decided by the Vite build mode and never by the
// host name: `vite build --mode emulator` (npm run build) talks to the local
// stack; `--mode production` (npm run build:production) reads VITE_FIREBASE_*.
// vite.config.ts calls resolveConfig at build time and writes the result into
// the bundle, so this module itself never ships.
import { DEMO_PROJECT_ID } from "functions/contract/local-stack";

export interface FirebaseWebConfig {
  apiKey: string;
  authDomain: string;
  projectId: string;
  appId?: string;
}

export interface EmulatorHosts {
  /** Firestore (the WebChannel side of the local stack). */
  firestore: { host: string; port: number };
  /** The Auth emulator's origin, as connectAuthEmulator wants it. */
  authUrl: string;
}

export interface InboxConfig {
  firebase: FirebaseWebConfig;
  /** Set only in emulator builds. */
  emulators?: EmulatorHosts;
  /** Fetched now and then to tell "Firestore unreachable" quickly (see data/reachability.ts). */
  firestoreProbeUrl: string;
  /** How long codes stay visible; the webhook's retention (10 min by default). */
  retentionMinutes: number;
  /** Who signed-in people without access should ask (free text or an address). */
  accessContact: string;
}

const DEFAULT_RETENTION_MINUTES = 10;

type Env = Record<string, string | boolean | undefined>;

function text(env: Env, name: string): string | undefined {
  const value = env[name];
  return typeof value === "string" && value.trim() !== "" ? value.trim() : undefined;
}

export function parseRetentionMinutes(raw: string | undefined): number {
  if (raw === undefined) return DEFAULT_RETENTION_MINUTES;
  const minutes = Number(raw);
  if (!Number.isFinite(minutes) || minutes <= 0 || minutes > 24 * 60) {
    throw new Error(`VITE_RETENTION_MINUTES must be a number of minutes (1–1440), got "${raw}"`);
  }
  return minutes;
}

/** An emulator port moved off its firebase.json default (see vite.config.ts). */
function parsePort(env: Env, name: string, fallback: number): number {
  const raw = text(env, name);
  if (raw === undefined) return fallback;
  const port = Number(raw);
  if (!Number.isInteger(port) || port < 1 || port > 65_535) {
    throw new Error(`${name} must be a port number, got "${raw}"`);
  }
  return port;
}

/** The configuration for a build mode; throws naming every missing variable. */
export function resolveConfig(mode: string, env: Env): InboxConfig {
  const retentionMinutes = parseRetentionMinutes(text(env, "VITE_RETENTION_MINUTES"));
  const accessContact = text(env, "VITE_ACCESS_CONTACT") ?? "the person who runs this inbox";
  if (mode === "emulator") {
    const firestorePort = parsePort(env, "VITE_FIRESTORE_EMULATOR_PORT", 8080);
    const authPort = parsePort(env, "VITE_AUTH_EMULATOR_PORT", 9099);
    return {
      // The Auth emulator accepts any API key; the project must match the stack's.
      firebase: {
        apiKey: "demo-api-key",
        authDomain: `${DEMO_PROJECT_ID}.firebaseapp.com`,
        projectId: DEMO_PROJECT_ID,
      },
      emulators: {
        firestore: { host: "127.0.0.1", port: firestorePort },
        authUrl: `http://127.0.0.1:${authPort}`,
      },
      firestoreProbeUrl: `http://127.0.0.1:${firestorePort}/`,
      retentionMinutes,
      accessContact,
    };
  }
  const required = {
    apiKey: "VITE_FIREBASE_API_KEY",
    authDomain: "VITE_FIREBASE_AUTH_DOMAIN",
    projectId: "VITE_FIREBASE_PROJECT_ID",
  } as const;
  const missing = Object.values(required).filter((name) => text(env, name) === undefined);
  if (missing.length > 0) {
    throw new Error(
      `The ${mode} build needs ${missing.join(", ")}: set ${missing.length === 1 ? "it" : "them"} in ` +
        "web/.env.production.local or the environment, from your Firebase web app's config " +
        "(docs/deployment.md). For the local stack build with --mode emulator.",
    );
  }
  const appId = text(env, "VITE_FIREBASE_APP_ID");
  return {
    firebase: {
      apiKey: text(env, required.apiKey) as string,
      authDomain: text(env, required.authDomain) as string,
      projectId: text(env, required.projectId) as string,
      ...(appId ? { appId } : {}),
    },
    firestoreProbeUrl: "https://firestore.googleapis.com/",
    retentionMinutes,
    accessContact,
  };
}
