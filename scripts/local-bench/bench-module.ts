// What one measurement module of `npm run bench` is: it gets the running
// stack (or nothing, for measurements that need no Firestore) and returns the
// rows it measured. bench.ts lists the modules; report.ts writes their rows.
import type { RunningStack } from "@sms-inbox/local-stack/stack";
import type { Firestore } from "firebase-admin/firestore";
import type { Browser } from "playwright-core";

export interface BenchRow {
  /** The row of issue 15's list it answers, with a letter per variant: "1", "4b". */
  id: string;
  measurement: string;
  result: string;
  /** The floor or baseline measured in the same run, when the row has one. */
  reference?: string;
  /** Ours against that reference. */
  ratio?: string;
  target?: string;
  /** Against the target: "met", "missed", or why neither can be said. */
  standing?: string;
}

export type Profile = "full" | "quick";

export interface BenchContext {
  profile: Profile;
  /** One Chromium for the whole run, launched on first use. */
  browser(): Promise<Browser>;
  log(line: string): void;
}

export interface StackContext extends BenchContext {
  stack: RunningStack;
  /** firebase-admin on the stack's Firestore. */
  db: Firestore;
}

interface ModuleInfo {
  /** For --only. */
  key: string;
  name: string;
}

export type BenchModule =
  | (ModuleInfo & { scope: "once"; run(context: BenchContext): Promise<BenchRow[]> })
  | (ModuleInfo & { scope: "per-firestore"; run(context: StackContext): Promise<BenchRow[]> });

export const standing = (met: boolean): string => (met ? "met" : "missed");
