import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { BEGIN_MARKER, END_MARKER, renderReport, writeIntoDoc } from "./report.js";
import { summarize, times } from "./stats.js";

const machine = { cpu: "Test CPU", cores: 2, memoryGiB: 8, node: "v20.0.0", loadAtStart: 3.2 };

describe("the bench report", () => {
  it("renders each section's rows as a table, escaping pipes, and says when the machine was busy", () => {
    const markdown = renderReport({
      startedAt: new Date("2026-01-15T12:00:00Z"),
      seconds: 90,
      profile: "quick",
      machine,
      sections: [
        {
          title: "On the in-memory Firestore",
          about: "Firestore: in memory.",
          rows: [{ id: "1a", measurement: "a | b", result: "median 5 ms", standing: "met" }],
          notes: ["warm-up done"],
        },
      ],
    });
    expect(markdown).toContain("2026-01-15 12:00 UTC, quick profile, 1.5 min");
    expect(markdown).toContain("Test CPU, 2 cores, 8 GiB, Node v20.0.0");
    expect(markdown).toContain("busy with other work");
    expect(markdown).toContain("| 1a | a \\| b | median 5 ms |  |  | met |");
    expect(markdown).toContain("- warm-up done");
  });

  it("replaces only what lies between the markers, and adds them when missing", () => {
    const dir = mkdtempSync(join(tmpdir(), "bench-report-"));
    const path = join(dir, "benchmarks.md");
    writeFileSync(path, `# Prose\n\n${BEGIN_MARKER}\nold table\n${END_MARKER}\n\nMore prose.\n`);
    writeIntoDoc(path, "new table\n");
    const written = readFileSync(path, "utf8");
    expect(written).toContain("# Prose");
    expect(written).toContain("More prose.");
    expect(written).toContain("new table");
    expect(written).not.toContain("old table");
    writeFileSync(path, "# Only prose\n");
    writeIntoDoc(path, "first table\n");
    expect(readFileSync(path, "utf8")).toMatch(
      /# Only prose\n\n<!-- bench:begin[^\n]*\n\nfirst table\n\n<!-- bench:end -->\n$/,
    );
  });
});

describe("latency summaries", () => {
  it("takes nearest-rank percentiles and ignores samples that never arrived", () => {
    const s = summarize([...Array.from({ length: 100 }, (_, i) => i + 1), Number.NaN]);
    expect(s).toEqual({ n: 100, min: 1, median: 50, p90: 90, p95: 95, p99: 99, max: 100 });
    expect(summarize([7]).p99).toBe(7);
    expect(times(50, 2)).toBe("25×");
    expect(times(3, 2)).toBe("1.50×");
  });
});
