// Row 6, sizes: gzip of the JavaScript and CSS the page loads up front and of
// what it loads later, for the emulator build the bench serves (npm run build)
// and for a production build made here with placeholder Firebase settings.
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { REPO_ROOT } from "@sms-inbox/operator/cli/repo-facts";
import { type BenchModule, type BenchRow, standing } from "../bench-module.js";
import { gzipOf, kB, type PageWeight, readPageWeight } from "../page-size-report.js";

const TARGET_JS_GZIP = 150_000;
const WEB = join(REPO_ROOT, "web");

/** Builds the production page into a temporary folder; the settings only need to look real. */
function productionWeight(): PageWeight {
  const outDir = mkdtempSync(join(tmpdir(), "sms-inbox-bench-web-"));
  try {
    const built = spawnSync(
      "npx",
      ["vite", "build", "--mode", "production", "--configLoader", "runner", "--outDir", outDir],
      {
        cwd: WEB,
        encoding: "utf8",
        env: {
          ...process.env,
          VITE_FIREBASE_API_KEY: "bench-placeholder-api-key",
          VITE_FIREBASE_AUTH_DOMAIN: "bench-placeholder.firebaseapp.com",
          VITE_FIREBASE_PROJECT_ID: "bench-placeholder",
        },
      },
    );
    if (built.status !== 0) {
      throw new Error(`the production build failed:\n${built.stdout}\n${built.stderr}`);
    }
    return readPageWeight(join(outDir, "page-size.json"));
  } finally {
    rmSync(outDir, { recursive: true, force: true });
  }
}

function rows(id: string, build: string, weight: PageWeight): BenchRow[] {
  const js = gzipOf(weight.upFront, ".js");
  const lazyJs = gzipOf(weight.lazy, ".js");
  const lazyNames = weight.lazy.map((f) => `${f.file.replace(/^assets\//, "")} ${kB(f.gzipBytes)}`);
  return [
    {
      id: `6${id}`,
      measurement: `Page weight, ${build}: loaded up front (gzip)`,
      result: `JavaScript ${kB(js)}, CSS ${kB(gzipOf(weight.upFront, ".css"))}, index.html ${kB(gzipOf(weight.upFront, ".html"))}`,
      target: `JavaScript ≤ ${kB(TARGET_JS_GZIP)}`,
      standing: standing(js <= TARGET_JS_GZIP),
    },
    {
      id: `6${id}′`,
      measurement: `Page weight, ${build}: loaded later, when needed (gzip)`,
      result:
        weight.lazy.length === 0
          ? "nothing"
          : `JavaScript ${kB(lazyJs)}, CSS ${kB(gzipOf(weight.lazy, ".css"))}: ${lazyNames.join(", ")}`,
    },
  ];
}

export const pageWeightModule: BenchModule = {
  key: "page-weight",
  name: "page weight (row 6)",
  scope: "once",
  async run({ log }) {
    const emulator = readPageWeight(join(WEB, "dist", "page-size.json"));
    log("  building the production page for its sizes …");
    const production = productionWeight();
    return [
      ...rows("a", "emulator build (what the bench serves)", emulator),
      ...rows("b", "production build", production),
    ];
  },
};
