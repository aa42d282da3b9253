// Row 7 (wait API), a slot: there is no wait API on this branch. When there
// is, this module measures webhook → waiting client (median, p95), the
// concurrent waits one process holds and the memory per wait.
import type { BenchModule } from "../bench-module.js";

export const waitApiModule: BenchModule = {
  key: "wait-api",
  name: "wait API (row 7)",
  scope: "per-firestore",
  async run() {
    return [
      {
        id: "7",
        measurement: "Wait API: webhook → waiting client; concurrent waits; memory per wait",
        result: "not measured: no wait API on this branch",
        standing: "not measured",
      },
    ];
  },
};
