// Runs one command in a process group of its own and stops that whole group
// (the command and everything it started) when its owner asks, or when its
// owner is gone however it went: the owner holds this process's stdin, and
// the end of stdin is the stop request. Without it, an owner killed mid-stop
// (tsx force-kills a child that does not acknowledge Ctrl-C within 30 ms on a
// busy machine) left firebase-tools' function workers and the Firestore JVM
// running, re-parented to init.
//
//   node --import tsx group-guard.ts <stop signal> <grace ms> <command> [args…]
import { spawn } from "node:child_process";

const [signalArg, graceArg, command, ...args] = process.argv.slice(2);
if (!signalArg || !graceArg || !command) {
  console.error("usage: group-guard.ts <stop signal> <grace ms> <command> [args…]");
  process.exit(2);
}
const stopSignal = signalArg as NodeJS.Signals;
const graceMs = Number(graceArg);

// detached: the command leads a group of its own, so the guard can signal all
// of it without signalling itself.
const child = spawn(command, args, { stdio: ["ignore", "inherit", "inherit"], detached: true });

const signalGroup = (signal: NodeJS.Signals) => {
  if (child.pid === undefined) return;
  try {
    process.kill(-child.pid, signal);
  } catch {
    // No process is left in the group.
  }
};

/** Whether any process, a dying one included, is still in the group. */
const groupExists = () => {
  if (child.pid === undefined) return false;
  try {
    process.kill(-child.pid, 0);
    return true;
  } catch {
    return false;
  }
};

/** SIGKILL reaches every member at once but each takes a moment to die: wait for the last. */
async function killGroup() {
  signalGroup("SIGKILL");
  const deadline = Date.now() + 10_000;
  while (groupExists() && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 20));
    signalGroup("SIGKILL");
  }
}

let exitCode: number | null | undefined;
child.once("error", (error) => {
  console.error(`group-guard: could not run ${command}: ${error.message}`);
  exitCode = 127;
  process.exit(127);
});
child.once("exit", (code, signal) => {
  const reported = code ?? (signal ? 128 : 1);
  exitCode = reported;
  // A leader that exited may leave members behind; none may outlive it.
  void killGroup().then(() => process.exit(reported));
});

let stopping = false;
function stop() {
  if (stopping || exitCode !== undefined) return;
  stopping = true;
  signalGroup(stopSignal);
  setTimeout(() => signalGroup("SIGKILL"), graceMs).unref();
}

process.stdin.on("end", stop);
process.stdin.on("close", stop);
process.stdin.on("error", stop);
process.stdin.resume();
// A signal meant for the guard means the same as its owner leaving.
for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"] as const) process.on(signal, stop);
