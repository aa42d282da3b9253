// A child the stack starts with everything it starts in turn (firebase-tools'
// function workers, the JVM) as one process group, behind group-guard.ts: the
// group is stopped whole when stop() is called and also when the stack's own
// process dies without calling it (killed, crashed, or force-killed mid-stop).
import { type ChildProcess, spawn } from "node:child_process";
import { fileURLToPath } from "node:url";

export interface GuardedGroup {
  /** The guard's process: its stdout and stderr are the command's. */
  process: ChildProcess;
  /** Resolves with the command's exit code once the whole group is gone. */
  exited: Promise<number | null>;
  /** Asks the group to stop (stopSignal, then SIGKILL after graceMs) and waits. */
  stop(): Promise<void>;
}

export interface GuardedGroupOptions {
  cwd?: string;
  env?: NodeJS.ProcessEnv;
  /** What a stop sends the whole group first: SIGINT lets firebase-tools shut down cleanly. */
  stopSignal: NodeJS.Signals;
  graceMs: number;
}

const guardScript = fileURLToPath(new URL("./group-guard.ts", import.meta.url));

export function spawnGuardedGroup(
  command: string,
  args: string[],
  options: GuardedGroupOptions,
): GuardedGroup {
  const guard = spawn(
    process.execPath,
    ["--import", "tsx", guardScript, options.stopSignal, String(options.graceMs), command, ...args],
    {
      cwd: options.cwd,
      env: options.env,
      // stdin is the guard's lifeline: it ends when stop() closes it or when
      // this process dies. detached: Ctrl-C in a terminal reaches this process,
      // whose shutdown stops the group in order, not every member at once.
      stdio: ["pipe", "pipe", "pipe"],
      detached: true,
    },
  );
  const exited = new Promise<number | null>((resolve) => {
    guard.once("exit", (code) => resolve(code));
    guard.once("error", () => resolve(null));
  });
  // The stdin pipe must never keep this process alive nor crash it when the guard is gone.
  guard.stdin?.on("error", () => {});
  return {
    process: guard,
    exited,
    async stop() {
      if (guard.exitCode === null && guard.signalCode === null) guard.stdin?.end();
      const outlived = setTimeout(() => guard.kill("SIGKILL"), options.graceMs + 10_000);
      await exited;
      clearTimeout(outlived);
    },
  };
}
