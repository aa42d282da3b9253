// Stopping a child the stack started in its own process group (spawned with
// `detached: true`), with everything it started in turn: firebase-tools'
// function workers, the JVM. Signals go to the group, not just its leader,
// and a last SIGKILL reaches whatever outlived the leader.
import type { ChildProcess } from "node:child_process";

export function signalGroup(child: ChildProcess, signal: NodeJS.Signals): void {
  if (child.pid === undefined) return;
  try {
    process.kill(-child.pid, signal);
  } catch {
    // No process is left in the group.
  }
}

export async function stopGroup(
  child: ChildProcess,
  exited: Promise<unknown>,
  options: { signal: NodeJS.Signals; graceMs: number },
): Promise<void> {
  signalGroup(child, options.signal);
  const graceful = await Promise.race([
    exited.then(() => true),
    new Promise<boolean>((resolve) => setTimeout(() => resolve(false), options.graceMs).unref()),
  ]);
  if (!graceful) signalGroup(child, "SIGKILL");
  await exited;
  // A leader that exited may leave members behind (re-parented to init).
  signalGroup(child, "SIGKILL");
}
