// Where a process spent its CPU: a V8 .cpuprofile (node --cpu-prof) summed by
// self time, per package (or file of ours) and per function.
import { readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { REPO_ROOT } from "@sms-inbox/operator/cli/repo-facts";

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  hitCount?: number;
}

interface CpuProfile {
  nodes: ProfileNode[];
  startTime: number;
  endTime: number;
  samples?: number[];
  timeDeltas?: number[];
}

export interface CpuShare {
  name: string;
  /** Share of all samples, 0..1. */
  share: number;
}

export interface CpuSummary {
  seconds: number;
  byPlace: CpuShare[];
  byFunction: CpuShare[];
}

/** "firebase-admin", "@grpc/grpc-js", "functions/lib/webhook/code-store.js", "node:internal", "(gc)". */
export function placeOf(url: string, functionName: string): string {
  if (url === "") return functionName.startsWith("(") ? functionName : "(native)";
  if (url.startsWith("node:")) return "node (built-in)";
  const modules = url.lastIndexOf("/node_modules/");
  if (modules >= 0) {
    const rest = url.slice(modules + "/node_modules/".length).split("/");
    return rest[0]?.startsWith("@") ? `${rest[0]}/${rest[1]}` : (rest[0] ?? url);
  }
  const path = url.replace(/^file:\/\//, "");
  return path.startsWith(REPO_ROOT) ? relative(REPO_ROOT, path) : path;
}

export function summarizeProfile(profile: CpuProfile, top = 12): CpuSummary {
  const hits = new Map<number, number>();
  for (const sample of profile.samples ?? []) hits.set(sample, (hits.get(sample) ?? 0) + 1);
  let total = 0;
  const places = new Map<string, number>();
  const functions = new Map<string, number>();
  for (const node of profile.nodes) {
    const count = hits.get(node.id) ?? node.hitCount ?? 0;
    if (count === 0) continue;
    total += count;
    const place = placeOf(node.callFrame.url, node.callFrame.functionName);
    places.set(place, (places.get(place) ?? 0) + count);
    const fn = `${node.callFrame.functionName || "(anonymous)"} (${place}:${node.callFrame.lineNumber + 1})`;
    functions.set(fn, (functions.get(fn) ?? 0) + count);
  }
  const ranked = (map: Map<string, number>): CpuShare[] =>
    [...map.entries()]
      .sort((a, b) => b[1] - a[1])
      .slice(0, top)
      .map(([name, count]) => ({ name, share: total ? count / total : 0 }));
  return {
    seconds: (profile.endTime - profile.startTime) / 1e6,
    byPlace: ranked(places),
    byFunction: ranked(functions),
  };
}

/** The newest .cpuprofile in `dir`. */
export function readNewestProfile(dir: string): CpuProfile {
  const files = readdirSync(dir)
    .filter((file) => file.endsWith(".cpuprofile"))
    .sort();
  const newest = files.at(-1);
  if (!newest) throw new Error(`no .cpuprofile in ${dir}`);
  return JSON.parse(readFileSync(join(dir, newest), "utf8")) as CpuProfile;
}

export const describeShares = (shares: readonly CpuShare[]): string[] =>
  shares.map((s) => `${(s.share * 100).toFixed(1).padStart(5)} %  ${s.name}`);
