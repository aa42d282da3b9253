// The local stack: Firestore (Google's emulator or the in-memory one), and the
// Auth, Functions and Hosting emulators, under the demo project id. Used by
// `npm start` and by the test suite's global setup alike.
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import {
  ensureLocalReadToken,
  ensureLocalWebhookSecret,
} from "@sms-inbox/operator/cli/local-secrets";
import {
  type FirebaseJson,
  LOCAL_SECRETS_PATH,
  localEmulatorPorts,
  REPO_ROOT,
  readFirebaseJson,
} from "@sms-inbox/operator/cli/repo-facts";
import { CODES_API_FUNCTION_ID, FUNCTION_ID, REGION } from "functions/config";
import { CODES_API_PATH } from "functions/contract/codes-api";
import { DEMO_PROJECT_ID, type EmulatorPorts } from "functions/contract/local-stack";
import { WEBHOOK_PATH } from "functions/contract/notification";
import { type EmulatorsProcess, startEmulators, waitUntil } from "./firebase-emulators.js";
import { chooseFirestore, type FirestoreChoice } from "./firestore-choice.js";
import { probeFirestore } from "./firestore-probe.js";
import { localConfigName, localStackFirebaseJson } from "./local-firebase-json.js";
import { assertPortsFree } from "./ports.js";
import { type StackEnv, stackEnvToProcessEnv } from "./stack-env.js";
import { type StackFirestore, startStackFirestore } from "./stack-firestore.js";

export const HOST = "127.0.0.1";

export interface StartStackOptions {
  /** Every line firebase-tools prints, for a log file or the console. */
  onEmulatorLine?: (line: string) => void;
  env?: NodeJS.ProcessEnv;
  /** Lets stopFirestore() take Google's emulator away too (the test suite's stack). */
  interruptibleFirestore?: boolean;
}

export interface RunningStack {
  env: StackEnv;
  ports: EmulatorPorts;
  firestore: FirestoreChoice;
  /**
   * Takes Firestore away until restartFirestore(): the in-memory one stops and
   * comes back empty; Google's is cut off and comes back with its data.
   */
  stopFirestore(): Promise<void>;
  restartFirestore(): Promise<void>;
  /** Holds browsers' Listen channel (their listeners go silent) until releaseListen(). */
  holdListen(): Promise<void>;
  releaseListen(): Promise<void>;
  /** Settles if the emulators exit, whether asked to or not. */
  emulatorsExited: Promise<number | null>;
  stop(): Promise<void>;
}

/** The local stack's firebase.json (local-firebase-json.ts), beside firebase.json. */
function writeLocalConfig(config: FirebaseJson, ports: EmulatorPorts): string {
  const path = join(REPO_ROOT, localConfigName(ports));
  writeFileSync(path, `${JSON.stringify(localStackFirebaseJson(config, ports, HOST), null, 2)}\n`);
  return path;
}

const answers = async (url: string, expectStatus: (status: number) => boolean) => {
  const response = await fetch(url, { signal: AbortSignal.timeout(2_000) });
  await response.body?.cancel();
  return expectStatus(response.status);
};

export async function startStack(options: StartStackOptions = {}): Promise<RunningStack> {
  const env = options.env ?? process.env;
  const onLine = options.onEmulatorLine ?? (() => {});
  const config = readFirebaseJson();
  const ports = localEmulatorPorts(env);
  await assertPortsFree(HOST, ports);

  const { secret } = ensureLocalWebhookSecret(LOCAL_SECRETS_PATH);
  const { secret: readToken } = ensureLocalReadToken(LOCAL_SECRETS_PATH);
  const firestore = chooseFirestore(await probeFirestore(env));
  const firestoreHost = `${HOST}:${ports.firestore}`;

  // Firestore runs beside firebase-tools, not inside it, so tests can take it
  // away; the other emulators reach it through FIRESTORE_EMULATOR_HOST.
  const firestoreStarted = startStackFirestore({
    choice: firestore,
    host: HOST,
    port: ports.firestore,
    projectId: DEMO_PROJECT_ID,
    repoRoot: REPO_ROOT,
    interruptible: options.interruptibleFirestore ?? false,
    log: onLine,
  });
  // Settled here so a failed start is reported once, by the await below.
  firestoreStarted.catch(() => {});

  const only = ["auth", "functions", "hosting"];
  let emulators: EmulatorsProcess | undefined;
  try {
    emulators = startEmulators({
      cwd: REPO_ROOT,
      projectId: DEMO_PROJECT_ID,
      only,
      configPath: writeLocalConfig(config, ports),
      // The Functions emulator hands FIRESTORE_EMULATOR_HOST on to the functions;
      // no metadata-server probe leaves the machine (see firestore/admin.ts).
      env: { METADATA_SERVER_DETECTION: "none", ...env, FIRESTORE_EMULATOR_HOST: firestoreHost },
      onLine,
    });
    const stackFirestore: StackFirestore = await firestoreStarted;
    const functionUrl = `http://${HOST}:${ports.functions}/${DEMO_PROJECT_ID}/${REGION}/${FUNCTION_ID}`;
    // A GET answered 405 by our handler proves the function is loaded and serving.
    await waitUntil(
      "the webhook function",
      () => answers(functionUrl, (status) => status === 405),
      emulators.exited,
      120_000,
    );
    await waitUntil(
      "the Hosting emulator",
      () => answers(`http://${HOST}:${ports.hosting}/`, (status) => status < 500),
      emulators.exited,
      30_000,
    );
    await waitUntil(
      "the Auth emulator",
      () => answers(`http://${HOST}:${ports.auth}/`, (status) => status < 500),
      emulators.exited,
      30_000,
    );
    await waitUntil(
      "Firestore",
      () => answers(`http://${firestoreHost}/`, (status) => status === 200),
      emulators.exited,
      60_000,
    );

    const stackEnv: StackEnv = {
      projectId: DEMO_PROJECT_ID,
      inboxUrl: `http://${HOST}:${ports.hosting}/`,
      webhookUrl: `http://${HOST}:${ports.hosting}${WEBHOOK_PATH}`,
      functionUrl,
      firestoreHost,
      authHost: `${HOST}:${ports.auth}`,
      webhookSecret: secret,
      codesApiUrl: `http://${HOST}:${ports.hosting}${CODES_API_PATH}`,
      codesFunctionUrl: `http://${HOST}:${ports.functions}/${DEMO_PROJECT_ID}/${REGION}/${CODES_API_FUNCTION_ID}`,
      readToken,
      firestoreKind: firestore.kind,
    };
    const running = emulators;
    return {
      env: stackEnv,
      ports,
      firestore,
      emulatorsExited: running.exited,
      stopFirestore: () => stackFirestore.interrupt(),
      restartFirestore: () => stackFirestore.restore(),
      holdListen: () => stackFirestore.holdListen(),
      releaseListen: () => stackFirestore.releaseListen(),
      async stop() {
        await running.stop();
        await stackFirestore.stop();
      },
    };
  } catch (error) {
    await emulators?.stop();
    await (await firestoreStarted.catch(() => undefined))?.stop();
    throw error;
  }
}

/** The variables tests and scripts read (see stack-env.ts), plus the SDKs' own. */
export function processEnvFor(stack: RunningStack): Record<string, string> {
  return {
    ...stackEnvToProcessEnv(stack.env),
    GOOGLE_CLOUD_PROJECT: stack.env.projectId,
    METADATA_SERVER_DETECTION: process.env.METADATA_SERVER_DETECTION ?? "none",
  };
}
