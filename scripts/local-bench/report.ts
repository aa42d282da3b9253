// The run's figures as Markdown: printed, and written into docs/benchmarks.md
// between its generated-section markers (the prose around them is kept).
import { readFileSync, writeFileSync } from "node:fs";
import type { BenchRow, Profile } from "./bench-module.js";
import type { Machine } from "./machine.js";

export const BEGIN_MARKER =
  "<!-- bench:begin — written by `npm run bench`; edit outside the markers -->";
export const END_MARKER = "<!-- bench:end -->";

export interface Section {
  title: string;
  /** What ran, in a sentence (e.g. the stack's Firestore choice). */
  about?: string;
  rows: BenchRow[];
  /** What the modules logged: warm-ups, peak memory, failures. */
  notes: string[];
}

export interface BenchReport {
  startedAt: Date;
  seconds: number;
  profile: Profile;
  machine: Machine;
  sections: Section[];
}

const cell = (value: string | undefined): string => (value ?? "").replaceAll("|", "\\|").trim();

function table(rows: readonly BenchRow[]): string[] {
  return [
    "| # | measurement | result | against the floor or baseline (same run) | target | standing |",
    "| --- | --- | --- | --- | --- | --- |",
    ...rows.map(
      (row) =>
        `| ${[row.id, row.measurement, row.result, row.reference, row.target, row.standing]
          .map(cell)
          .join(" | ")} |`,
    ),
  ];
}

export function renderReport(report: BenchReport): string {
  const { machine } = report;
  const lines = [
    `Run of ${report.startedAt.toISOString().slice(0, 16).replace("T", " ")} UTC, ` +
      `${report.profile} profile, ${(report.seconds / 60).toFixed(1)} min. ` +
      `Machine: ${machine.cpu}, ${machine.cores} cores, ${machine.memoryGiB} GiB, Node ${machine.node}` +
      `${machine.chromium ? `, Chromium ${machine.chromium}` : ""}; ` +
      `load average ${machine.loadAtStart.toFixed(1)} when it started` +
      `${machine.loadAtStart > machine.cores / 2 ? " (the machine was busy with other work: figures are noisy)" : ""}.`,
  ];
  for (const section of report.sections) {
    lines.push("", `### ${section.title}`, "");
    if (section.about) lines.push(section.about, "");
    lines.push(...table(section.rows));
    if (section.notes.length > 0)
      lines.push("", ...section.notes.map((note) => `- ${note.trim()}`));
  }
  return `${lines.join("\n")}\n`;
}

/** Replaces the generated section of `path` (adding the markers at the end if missing). */
export function writeIntoDoc(path: string, markdown: string): void {
  const doc = readFileSync(path, "utf8");
  const block = `${BEGIN_MARKER}\n\n${markdown}\n${END_MARKER}`;
  const begin = doc.indexOf(BEGIN_MARKER);
  const end = doc.indexOf(END_MARKER);
  const next =
    begin >= 0 && end > begin
      ? `${doc.slice(0, begin)}${block}${doc.slice(end + END_MARKER.length)}`
      : `${doc.trimEnd()}\n\n${block}\n`;
  writeFileSync(path, next);
}
