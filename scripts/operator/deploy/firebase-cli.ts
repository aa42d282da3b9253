// The project's own firebase-tools, run as a child process: the only way the
// deploy commands reach Firebase. Thin on purpose; what the answers mean is
// decided by the callers' pure functions.
import { spawn } from "node:child_process";
import { createRequire } from "node:module";
import { REPO_ROOT } from "../cli/repo-facts.js";

export interface FirebaseRun {
  code: number;
  stdout: string;
  stderr: string;
}

export interface FirebaseCli {
  /** Runs `firebase <args>` and collects its output (for queries, never shown as is). */
  capture(args: string[], input?: string): Promise<FirebaseRun>;
  /** Runs `firebase <args>` with the terminal attached (the deploy itself); resolves its exit code. */
  attached(args: string[]): Promise<number>;
}

const firebaseBin = () =>
  createRequire(import.meta.url).resolve("firebase-tools/lib/bin/firebase.js");

export function firebaseCli(env: NodeJS.ProcessEnv): FirebaseCli {
  const childEnv = { ...env, NO_UPDATE_NOTIFIER: "1" };
  return {
    capture: (args, input) =>
      new Promise((resolve, reject) => {
        const child = spawn(process.execPath, [firebaseBin(), ...args], {
          cwd: REPO_ROOT,
          env: { ...childEnv, FORCE_COLOR: "0" },
          stdio: ["pipe", "pipe", "pipe"],
        });
        let stdout = "";
        let stderr = "";
        child.stdout.on("data", (chunk) => {
          stdout += chunk;
        });
        child.stderr.on("data", (chunk) => {
          stderr += chunk;
        });
        child.once("error", reject);
        child.once("close", (code) => resolve({ code: code ?? 1, stdout, stderr }));
        child.stdin.end(input ?? "");
      }),
    attached: (args) =>
      new Promise((resolve, reject) => {
        const child = spawn(process.execPath, [firebaseBin(), ...args], {
          cwd: REPO_ROOT,
          env: childEnv,
          stdio: "inherit",
        });
        child.once("error", reject);
        child.once("close", (code) => resolve(code ?? 1));
      }),
  };
}

export interface FirebaseProblem {
  problem: string;
  fix: string;
}

/** What firebase-tools' own words say went wrong, and what to do about it. */
export function firebaseProblem(run: FirebaseRun): FirebaseProblem {
  const text = `${run.stdout}\n${run.stderr}`;
  const message = /"error":\s*"([^"]+)"/.exec(text)?.[1] ?? text.trim().split("\n").at(-1) ?? "";
  if (/Failed to authenticate|firebase login/i.test(message))
    return { problem: "not signed in to Firebase", fix: "npx firebase login" };
  if (/permission|403/i.test(message))
    return {
      problem: `Firebase refused: ${message}`,
      fix: "npx firebase login with an account that is an owner or editor of the project",
    };
  return {
    problem: message || `firebase-tools exited ${run.code}`,
    fix: "see firebase-tools' message above (npx firebase login --reauth if it is about credentials)",
  };
}

export type SecretState = "set" | "missing" | FirebaseProblem;

/** Whether a secret exists in the project, from `functions:secrets:get <name> --json`. */
export function secretStateFrom(run: FirebaseRun): SecretState {
  if (run.code === 0) {
    const versions = (JSON.parse(run.stdout) as { result?: { secrets?: { state?: string }[] } })
      .result?.secrets;
    return versions?.some((version) => version.state === "ENABLED") ? "set" : "missing";
  }
  if (/not found|NOT_FOUND|404/i.test(`${run.stdout}${run.stderr}`)) return "missing";
  return firebaseProblem(run);
}
