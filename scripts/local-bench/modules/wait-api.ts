// Row 7: the codes API's wait on functions-framework, on a Firestore of the
// stack's kind started for it (wait-api.ts says why not the stack's own): webhook → waiting client (median, p95), the concurrent waits one
// process holds and the memory per wait (scripts/local-bench/wait-api.ts).
import type { BenchModule, StackContext } from "../bench-module.js";
import { ms } from "../stats.js";
import { measureWaitApi } from "../wait-api.js";

export const waitApiModule: BenchModule = {
  key: "wait-api",
  name: "wait API (row 7)",
  scope: "per-firestore",
  async run({ profile, stack, log }: StackContext) {
    const f = await measureWaitApi({
      firestore: stack.firestore,
      codes: profile === "quick" ? 40 : 200,
      waits: profile === "quick" ? 50 : 400,
      log,
    });
    return [
      {
        id: "7a",
        measurement: `Wait API: webhook request start → the waiting client's answer, one code at a time (${f.latency.n} codes)`,
        result: `median ${ms(f.latency.median)} · p95 ${ms(f.latency.p95)} · max ${ms(f.latency.max)} ms`,
      },
      {
        id: "7b",
        measurement: `Wait API: ${f.waits} waits held at once by one functions-framework process`,
        result:
          `${f.answeredOwn}/${f.waits} answered with their own code; ${f.kibPerWait.toFixed(0)} KiB per wait ` +
          `(RSS ${f.idleRssMiB.toFixed(0)} → ${f.holdingRssMiB.toFixed(0)} MiB); codes stored at ` +
          `${f.postsPerSecond.toFixed(0)}/s meanwhile, post → waiter median ${ms(f.heldLatency.median)} ms` +
          (f.retried
            ? `; ${f.retried} codes stored only on a retry (a 503 past the webhook's deadline)`
            : ""),
      },
    ];
  },
};
