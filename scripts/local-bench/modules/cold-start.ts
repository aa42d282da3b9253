// Row 5 (cold start), a slot: the measurement itself, from process start to
// the first stored code on functions-framework and what the start-up imports
// cost, is scripts/local-bench/cold-start.ts on another branch. Merging it
// means making this module call it and turn its figures into rows.
import type { BenchModule } from "../bench-module.js";

export const coldStartModule: BenchModule = {
  key: "cold-start",
  name: "cold start (row 5)",
  scope: "per-firestore",
  async run() {
    return [
      {
        id: "5",
        measurement: "Cold start: process start → first stored code on functions-framework",
        result: "not measured by this branch: slot for scripts/local-bench/cold-start.ts",
        target: "≤ 1 s",
        standing: "not measured",
      },
    ];
  },
};
