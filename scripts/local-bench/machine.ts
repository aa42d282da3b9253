// What the figures were taken on, printed beside them.
import { cpus, loadavg, totalmem } from "node:os";

export interface Machine {
  cpu: string;
  cores: number;
  memoryGiB: number;
  node: string;
  /** 1-minute load average when the run started: other work sharing the machine. */
  loadAtStart: number;
  chromium?: string;
}

export function describeMachine(chromiumVersion?: string): Machine {
  const all = cpus();
  return {
    cpu: all[0]?.model.trim() ?? "unknown",
    cores: all.length,
    memoryGiB: Math.round(totalmem() / 2 ** 30),
    node: process.version,
    loadAtStart: loadavg()[0] ?? Number.NaN,
    ...(chromiumVersion ? { chromium: chromiumVersion } : {}),
  };
}
