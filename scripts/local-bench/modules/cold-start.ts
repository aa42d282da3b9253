// Row 5: the built function from process start to its first stored code on
// functions-framework, and what the start-up imports cost
// (scripts/local-bench/cold-start.ts, which runs Google's Firestore emulator
// of its own: a cold start is measured against one Firestore, once).
import type { BenchContext, BenchModule } from "../bench-module.js";
import { standing } from "../bench-module.js";
import { measureColdStart } from "../cold-start.js";
import { ms } from "../stats.js";

const TARGET_MS = 1_000;

export const coldStartModule: BenchModule = {
  key: "cold-start",
  name: "cold start (row 5)",
  scope: "once",
  async run({ profile, log }: BenchContext) {
    const figures = await measureColdStart({
      runs: profile === "quick" ? 2 : 5,
      variants: ["bundle", "deployed"],
      log,
    });
    return figures.variants.map(({ variant, median, imports, retriedRuns, runs }) => {
      const slowest = [...imports].sort((a, b) => b.ms - a.ms).slice(0, 3);
      return {
        id: variant === "bundle" ? "5a" : "5b",
        measurement:
          variant === "bundle"
            ? "Cold start: process start → first stored code, esbuild bundle (functions/lib), median of fresh processes"
            : "Cold start: the same, deploy folder after npm ci (what Cloud Build installs)",
        result:
          `${ms(median.firstStoredMs)} ms (listening at ${ms(median.listenMs)} ms; a warm request ${ms(median.warmRequestMs)} ms); ` +
          `slowest imports: ${slowest.map((cost) => `${cost.module} ${ms(cost.ms)} ms`).join(", ")}` +
          (retriedRuns
            ? `; in ${retriedRuns} of ${runs.length} runs the first code met a 503 and was stored on a retry`
            : ""),
        reference: `node -e 0: ${ms(figures.nodeBootMs)} ms`,
        target: "≤ 1 s",
        standing: standing(median.firstStoredMs <= TARGET_MS),
      };
    });
  },
};
