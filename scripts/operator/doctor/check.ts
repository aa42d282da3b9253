// What a doctor check is, and the runner that times each one. A check asks
// its questions through the context (HTTP, and admin access where there is
// some) and judges the answers with pure functions of its own module, so each
// verdict is tested on made-up answers and each check once on the local stack.
// A new check (the wait API's, say) is one module and one entry in
// checks/index.ts.
import type { AccessState } from "../access/access-store.js";
import type { HttpAnswer, HttpRequest } from "./http.js";
import type { DoctorTarget } from "./target.js";

export type Verdict =
  | { status: "pass"; detail?: string }
  | { status: "fail"; problem: string; fix: string }
  | { status: "skip"; reason: string };

export const pass = (detail?: string): Verdict =>
  detail === undefined ? { status: "pass" } : { status: "pass", detail };
export const fail = (problem: string, fix: string): Verdict => ({ status: "fail", problem, fix });
export const skip = (reason: string): Verdict => ({ status: "skip", reason });

/** What one check learned that a later one needs (e.g. the test notice it stored). */
export interface Facts {
  storedNotice?: { id: string; code: string };
  /** config/public as anyone reads it (checks/firestore.ts). */
  publicMode?: Verdict | { on: boolean };
}

/** Admin access to the target's Firestore (bypasses the rules), where the doctor has it. */
export interface AdminAccess {
  readAccess(): Promise<AccessState>;
  /** The stored notice's data, or undefined if there is no such document. */
  readCode(id: string): Promise<Record<string, unknown> | undefined>;
}

export interface CheckContext {
  target: DoctorTarget;
  http(request: HttpRequest): Promise<HttpAnswer>;
  /** Undefined when the doctor has no admin access (a remote target without --admin). */
  admin: AdminAccess | undefined;
  facts: Facts;
  allowPublic: boolean;
}

export interface Check {
  name: string;
  run(context: CheckContext): Promise<Verdict>;
}

export interface CheckResult {
  name: string;
  verdict: Verdict;
  ms: number;
}

/**
 * Runs the checks in order (later ones may use what earlier ones found), each
 * timed; a check that throws fails with what it threw, and the rest still run.
 */
export async function runChecks(
  checks: readonly Check[],
  context: CheckContext,
  onResult: (result: CheckResult) => void = () => {},
  now: () => number = () => performance.now(),
): Promise<CheckResult[]> {
  const results: CheckResult[] = [];
  for (const check of checks) {
    const started = now();
    let verdict: Verdict;
    try {
      verdict = await check.run(context);
    } catch (error) {
      verdict = fail(
        `the check itself failed: ${error instanceof Error ? error.message : String(error)}`,
        "see the message; run again once it is fixed",
      );
    }
    const result = { name: check.name, verdict, ms: now() - started };
    results.push(result);
    onResult(result);
  }
  return results;
}

export const allPassed = (results: readonly CheckResult[]): boolean =>
  results.every((result) => result.verdict.status !== "fail");

const duration = (ms: number) =>
  ms >= 1000 ? `${(ms / 1000).toFixed(1)} s` : `${Math.round(ms)} ms`;

/** One line per check, ✓ or ✗ (with the fix on the next line) or – when skipped. */
export function formatResult({ name, verdict, ms }: CheckResult): string[] {
  switch (verdict.status) {
    case "pass":
      return [`✓ ${name}${verdict.detail ? `: ${verdict.detail}` : ""} (${duration(ms)})`];
    case "fail":
      return [`✗ ${name}: ${verdict.problem} (${duration(ms)})`, `    fix: ${verdict.fix}`];
    case "skip":
      return [`– ${name}: skipped, ${verdict.reason}`];
  }
}

export function summary(results: readonly CheckResult[]): string {
  const count = (status: Verdict["status"]) =>
    results.filter((result) => result.verdict.status === status).length;
  const failed = count("fail");
  const skipped = count("skip");
  const parts = [`${count("pass")} passed`, ...(failed ? [`${failed} failed`] : [])];
  if (skipped) parts.push(`${skipped} skipped`);
  return failed === 0
    ? `All checks passed (${parts.join(", ")}).`
    : `${failed} check${failed === 1 ? "" : "s"} failed (${parts.join(", ")}).`;
}
