// A child process's memory, from Linux's /proc (undefined elsewhere, or once it has exited).
import { readFileSync } from "node:fs";

function statusMiB(pid: number | undefined, field: "VmRSS" | "VmHWM"): number | undefined {
  if (pid === undefined) return undefined;
  try {
    const kib = new RegExp(`${field}:\\s+(\\d+) kB`).exec(
      readFileSync(`/proc/${pid}/status`, "utf8"),
    )?.[1];
    return kib ? Number(kib) / 1024 : undefined;
  } catch {
    return undefined;
  }
}

/** Resident memory now, in MiB. */
export const rssMiB = (pid: number | undefined) => statusMiB(pid, "VmRSS");
/** Peak resident memory so far, in MiB. */
export const peakRssMiB = (pid: number | undefined) => statusMiB(pid, "VmHWM");
