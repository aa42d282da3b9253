// Runs `firebase emulators:start` from the project's own firebase-tools as a
// child process group, waits until every emulator answers, and stops it whole.
import { createRequire } from "node:module";
import { createInterface } from "node:readline";
import { spawnGuardedGroup } from "./process-group.js";

export interface EmulatorsProcess {
  stop(): Promise<void>;
  /** Resolves when the process has exited (for whatever reason). */
  exited: Promise<number | null>;
}

export interface StartEmulatorsOptions {
  cwd: string;
  projectId: string;
  only: string[];
  configPath: string;
  env: NodeJS.ProcessEnv;
  onLine(line: string): void;
}

const firebaseBin = () =>
  createRequire(import.meta.url).resolve("firebase-tools/lib/bin/firebase.js");

export function startEmulators(options: StartEmulatorsOptions): EmulatorsProcess {
  const args = [
    firebaseBin(),
    "emulators:start",
    "--project",
    options.projectId,
    "--only",
    options.only.join(","),
    "--config",
    options.configPath,
  ];
  // One guarded group: stop() reaches the function workers and the discovery
  // process too, and so does this process dying without calling it.
  const group = spawnGuardedGroup(process.execPath, args, {
    cwd: options.cwd,
    env: { ...options.env, FORCE_COLOR: "0", CI: options.env.CI ?? "" },
    // SIGINT lets firebase-tools shut each emulator down cleanly: about 2 s
    // here. But its clean shutdown waits for every function call in flight,
    // while Hosting goes on forwarding new ones and the codes API holds a wait
    // for up to 30 s: under load it never ends, and Ctrl-C must not take
    // long. The emulators keep nothing that a kill would lose.
    stopSignal: "SIGINT",
    graceMs: 6_000,
  });
  for (const stream of [group.process.stdout, group.process.stderr]) {
    if (stream) createInterface({ input: stream }).on("line", options.onLine);
  }
  return { exited: group.exited, stop: group.stop };
}

/** Polls until `check` resolves true, the process exits, or time runs out. */
export async function waitUntil(
  what: string,
  check: () => Promise<boolean>,
  exited: Promise<number | null>,
  timeoutMs: number,
): Promise<void> {
  let hasExited = false;
  void exited.then(() => {
    hasExited = true;
  });
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (hasExited) throw new Error(`firebase emulators exited before ${what}`);
    if (await check().catch(() => false)) return;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`timed out after ${timeoutMs / 1000} s waiting for ${what}`);
}
