// How the parts of the local stack find each other. The stack (npm start, or the
// test global setup) exports these variables; tests and scripts read them here.

export type FirestoreKind = "google" | "in-memory";

export interface StackEnv {
  projectId: string;
  /** The inbox page on the Hosting emulator, e.g. http://127.0.0.1:5000/ */
  inboxUrl: string;
  /** The webhook through the Hosting rewrite, e.g. http://127.0.0.1:5000/api/otp */
  webhookUrl: string;
  /** The function's own URL on the Functions emulator. */
  functionUrl: string;
  /** host:port of Firestore (gRPC for Node clients; WebChannel for browsers). */
  firestoreHost: string;
  /** host:port of the Auth emulator. */
  authHost: string;
  webhookSecret: string;
  /** The codes API through the Hosting rewrite, e.g. http://127.0.0.1:5000/api/codes/latest */
  codesApiUrl: string;
  /** The codes API function's own URL on the Functions emulator. */
  codesFunctionUrl: string;
  /** The codes API's read token (functions/.secret.local). */
  readToken: string;
  firestoreKind: FirestoreKind;
}

const ENV_KEYS = {
  projectId: "GCLOUD_PROJECT",
  inboxUrl: "SMS_INBOX_URL",
  webhookUrl: "OTP_WEBHOOK_URL",
  functionUrl: "SMS_INBOX_FUNCTION_URL",
  firestoreHost: "FIRESTORE_EMULATOR_HOST",
  authHost: "FIREBASE_AUTH_EMULATOR_HOST",
  webhookSecret: "OTP_WEBHOOK_SECRET",
  codesApiUrl: "SMS_INBOX_CODES_API_URL",
  codesFunctionUrl: "SMS_INBOX_CODES_FUNCTION_URL",
  readToken: "SMS_INBOX_READ_TOKEN",
  firestoreKind: "SMS_INBOX_FIRESTORE_KIND",
} as const satisfies Record<keyof StackEnv, string>;

export function stackEnvToProcessEnv(env: StackEnv): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, name] of Object.entries(ENV_KEYS)) {
    out[name] = env[key as keyof StackEnv];
  }
  return out;
}

/** Reads the stack's variables; throws naming the first one missing. */
export function stackEnvFromProcess(source: NodeJS.ProcessEnv = process.env): StackEnv {
  const read = (name: string): string => {
    const value = source[name];
    if (!value) {
      throw new Error(
        `${name} is not set: run this inside the local stack (npm start / npm test).`,
      );
    }
    return value;
  };
  return {
    projectId: read(ENV_KEYS.projectId),
    inboxUrl: read(ENV_KEYS.inboxUrl),
    webhookUrl: read(ENV_KEYS.webhookUrl),
    functionUrl: read(ENV_KEYS.functionUrl),
    firestoreHost: read(ENV_KEYS.firestoreHost),
    authHost: read(ENV_KEYS.authHost),
    webhookSecret: read(ENV_KEYS.webhookSecret),
    codesApiUrl: read(ENV_KEYS.codesApiUrl),
    codesFunctionUrl: read(ENV_KEYS.codesFunctionUrl),
    readToken: read(ENV_KEYS.readToken),
    firestoreKind: read(ENV_KEYS.firestoreKind) as FirestoreKind,
  };
}
