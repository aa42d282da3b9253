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
  /** Holds the Listen channel (browsers' listeners go silent, nothing else does) until released. */
  holdListen(): Promise<void>;
  releaseListen(): Promise<void>;
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

const notInterruptible = async () => {
  throw new Error("This stack's Firestore was started without an outage switch.");
};

/** The switch's Listen hold, or refusals when the stack has no switch. */
function listenHold(outageSwitch: OutageSwitch | undefined) {
  return {
    holdListen: outageSwitch ? async () => outageSwitch.holdListen() : notInterruptible,
    releaseListen: outageSwitch ? async () => outageSwitch.releaseListen() : notInterruptible,
  };
}

/**
 * The outage switch on the stack's Firestore port in front of the Firestore
 * on `upstreamPort`, in the test suite's stack; none otherwise. If it cannot
 * start, the Firestore behind it is stopped too.
 */
async function switchInFront(
  options: StackFirestoreOptions,
  upstreamPort: number,
  stopUpstream: () => Promise<void>,
): Promise<OutageSwitch | undefined> {
  if (!options.interruptible) return undefined;
  return startOutageSwitch({ host: options.host, port: options.port, upstreamPort }).catch(
    async (error: unknown) => {
      await stopUpstream();
      throw error;
    },
  );
}

async function startInMemory(options: StackFirestoreOptions): Promise<StackFirestore> {
  // Behind a switch too in the test suite's stack, for the Listen hold; its
  // outage stays a restart that comes back empty, as the process it imitates.
  const port = options.interruptible ? await freePort(options.host) : options.port;
  let running: InMemoryFirestore | undefined = await startInMemoryFirestore({
    host: options.host,
    port,
  });
  const stopFirestore = async () => {
    await running?.stop();
    running = undefined;
  };
  const outageSwitch = await switchInFront(options, port, stopFirestore);
  return {
    interrupt: stopFirestore,
    restore: async () => {
      running ??= await startInMemoryFirestore({ host: options.host, port });
    },
    ...listenHold(outageSwitch),
    async stop() {
      await outageSwitch?.close();
      await stopFirestore();
    },
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
  const outageSwitch = await switchInFront(options, emulatorPort, () => emulator.stop());
  return {
    interrupt: outageSwitch?.cut ?? notInterruptible,
    restore: outageSwitch?.restore ?? notInterruptible,
    ...listenHold(outageSwitch),
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
