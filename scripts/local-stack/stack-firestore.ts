// The stack's Firestore, whichever kind runs, on the one configured port, with
// outages on demand for tests: the in-memory one is stopped and restarted
// (empty, as the process it imitates would be); Google's emulator is cut off
// behind an outage switch and restored with its data and rules intact.
import { join } from "node:path";
import { type InMemoryFirestore, startInMemoryFirestore } from "@sms-inbox/in-memory-firestore";
import type { FirestoreChoice } from "./firestore-choice.js";
import { type GoogleFirestore, startGoogleFirestore } from "./google-firestore.js";
import { type OutageSwitch, startOutageSwitch } from "./outage-switch.js";
import { freePort } from "./ports.js";

export interface StackFirestore {
  /** Takes Firestore away from every client until restore(). */
  interrupt(): Promise<void>;
  restore(): Promise<void>;
  stop(): Promise<void>;
}

export interface StackFirestoreOptions {
  choice: FirestoreChoice;
  host: string;
  port: number;
  projectId: string;
  repoRoot: string;
  /** Put Google's emulator behind an outage switch (the test suite does). */
  interruptible: boolean;
  log(line: string): void;
}

async function startInMemory(options: StackFirestoreOptions): Promise<StackFirestore> {
  let running: InMemoryFirestore | undefined = await startInMemoryFirestore({
    host: options.host,
    port: options.port,
  });
  const stop = async () => {
    await running?.stop();
    running = undefined;
  };
  return {
    interrupt: stop,
    restore: async () => {
      running ??= await startInMemoryFirestore({ host: options.host, port: options.port });
    },
    stop,
  };
}

async function startGoogle(
  options: StackFirestoreOptions & { choice: Extract<FirestoreChoice, { kind: "google" }> },
): Promise<StackFirestore> {
  const emulatorPort = options.interruptible ? await freePort(options.host) : options.port;
  const emulator: GoogleFirestore = await startGoogleFirestore({
    launch: options.choice.launch,
    host: options.host,
    port: emulatorPort,
    projectId: options.projectId,
    rulesPath: join(options.repoRoot, "firestore.rules"),
    log: (line) => options.log(`[firestore] ${line}`),
    onRulesReloaded: (issues) =>
      options.log(
        issues.length === 0
          ? "[firestore] ✔ firestore.rules changed: reloaded"
          : `[firestore] ⚠ firestore.rules changed, with errors: ${issues.join("; ")}`,
      ),
  });
  let outageSwitch: OutageSwitch | undefined;
  if (options.interruptible) {
    outageSwitch = await startOutageSwitch({
      host: options.host,
      port: options.port,
      upstreamPort: emulatorPort,
    }).catch(async (error: unknown) => {
      await emulator.stop();
      throw error;
    });
  }
  const notInterruptible = async () => {
    throw new Error("This stack's Firestore was started without an outage switch.");
  };
  return {
    interrupt: outageSwitch?.cut ?? notInterruptible,
    restore: outageSwitch?.restore ?? notInterruptible,
    async stop() {
      await outageSwitch?.close();
      await emulator.stop();
    },
  };
}

export function startStackFirestore(options: StackFirestoreOptions): Promise<StackFirestore> {
  const { choice } = options;
  return choice.kind === "google" ? startGoogle({ ...options, choice }) : startInMemory(options);
}
