// `npm run bench`: starts the local stack on Google's Firestore emulator and
// then on the in-memory one, runs every measurement module against each (and
// the Firestore-free ones once), prints the table and writes it into
// docs/benchmarks.md. Figures only: no threshold ever fails the run; a module
// that crashes is reported in the table and makes the exit code 1.
//
//   npm run bench [-- --quick] [-- --firestore google|in-memory|both] [-- --no-write]
import { createWriteStream, mkdirSync } from "node:fs";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { launchChromium } from "@sms-inbox/local-stack/chromium";
import { FirestoreUnavailableError } from "@sms-inbox/local-stack/firestore-choice";
import { processEnvFor, type RunningStack, startStack } from "@sms-inbox/local-stack/stack";
import type { FirestoreKind } from "@sms-inbox/local-stack/stack-env";
import { REPO_ROOT } from "@sms-inbox/operator/cli/repo-facts";
import { adminApp } from "@sms-inbox/operator/firestore/admin";
import { deleteApp } from "firebase-admin/app";
import { getFirestore } from "firebase-admin/firestore";
import type { Browser } from "playwright-core";
import type { BenchContext, BenchModule, BenchRow, Profile } from "./bench-module.js";
import { describeMachine } from "./machine.js";
import { coldStartModule } from "./modules/cold-start.js";
import { firstCodeModule } from "./modules/first-code.js";
import { ingestModule } from "./modules/ingest.js";
import { pageWeightModule } from "./modules/page-weight.js";
import { renderCpuModule } from "./modules/render-cpu.js";
import { screenModule } from "./modules/screen.js";
import { waitApiModule } from "./modules/wait-api.js";
import { renderReport, type Section, writeIntoDoc } from "./report.js";

/** In the table's order. A new row is one more module here. */
const MODULES: BenchModule[] = [
  screenModule,
  ingestModule,
  coldStartModule,
  pageWeightModule,
  firstCodeModule,
  waitApiModule,
  renderCpuModule,
];

const { values } = parseArgs({
  options: {
    quick: { type: "boolean", default: false },
    firestore: { type: "string", default: "both" },
    "no-write": { type: "boolean", default: false },
    only: { type: "string" },
    help: { type: "boolean", short: "h", default: false },
  },
});
if (values.help) {
  console.log(`Usage: npm run bench [-- --quick] [-- --firestore google|in-memory|both] [-- --no-write]
  --quick      fewer samples (40 codes per latency row, 300 requests per load run): a try-out
  --firestore  which Firestore emulators to run the stack on (default both, Google's first)
  --no-write   print the table only; leave docs/benchmarks.md as it is
  --only       some modules, e.g. --only screen,ingest (${MODULES.map((m) => m.key).join(", ")})`);
  process.exit(0);
}
const kinds: FirestoreKind[] =
  values.firestore === "both"
    ? ["google", "in-memory"]
    : values.firestore === "google" || values.firestore === "in-memory"
      ? [values.firestore]
      : [];
if (kinds.length === 0) {
  console.error(`--firestore must be google, in-memory or both (got ${values.firestore})`);
  process.exit(2);
}
const profile: Profile = values.quick ? "quick" : "full";
const only = values.only?.split(",").map((key) => key.trim());
const unknown = only?.filter((key) => !MODULES.some((m) => m.key === key)) ?? [];
if (unknown.length > 0) {
  console.error(
    `--only: no module ${unknown.join(", ")} (${MODULES.map((m) => m.key).join(", ")})`,
  );
  process.exit(2);
}
const chosen = MODULES.filter((m) => !only || only.includes(m.key));

const logDir = join(REPO_ROOT, ".local-stack");
mkdirSync(logDir, { recursive: true });
const emulatorLog = createWriteStream(join(logDir, "bench-emulators.log"));
const log = (line: string) => console.log(line);

let chromium: Promise<Browser> | undefined;
const context: BenchContext = {
  profile,
  browser: () => {
    chromium ??= launchChromium();
    return chromium;
  },
  log,
};

const machine = describeMachine();
const startedAt = new Date();
const sections: Section[] = [];
let failed = false;

/** Runs one module into `section`; a crash becomes a row saying so, and the exit code 1. */
async function runModule(
  name: string,
  section: Section,
  run: (log: (line: string) => void) => Promise<BenchRow[]>,
): Promise<void> {
  log(`• ${name}`);
  const started = performance.now();
  try {
    section.rows.push(
      ...(await run((line) => {
        section.notes.push(`${name}: ${line.trim()}`);
        log(line);
      })),
    );
  } catch (error) {
    failed = true;
    console.error(
      `  ✖ ${name} failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`,
    );
    const message = error instanceof Error ? error.message : String(error);
    section.rows.push({ id: "–", measurement: name, result: `FAILED: ${message.split("\n")[0]}` });
  }
  log(`  (${((performance.now() - started) / 1000).toFixed(0)} s)`);
}

let running: RunningStack | undefined;
// Ctrl-C stops what the bench started (the emulators run in their own process groups).
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.once(signal, () => {
    console.error(`\n${signal}: stopping the local stack …`);
    void Promise.allSettled([running?.stop(), chromium?.then((b) => b.close())]).then(() =>
      process.exit(130),
    );
  });
}

async function onStack(kind: FirestoreKind): Promise<void> {
  const title = kind === "google" ? "On Google's Firestore emulator" : "On the in-memory Firestore";
  const section: Section = { title, rows: [], notes: [] };
  sections.push(section);
  log(`\n== ${title}: starting the local stack …`);
  let stack: RunningStack;
  try {
    stack = await startStack({
      env: { ...process.env, SMS_INBOX_FIRESTORE: kind },
      onEmulatorLine: (line) => emulatorLog.write(`${line}\n`),
    });
  } catch (error) {
    if (!(error instanceof FirestoreUnavailableError)) throw error;
    section.about = `Not run: ${error.message}`;
    log(`  ${section.about}`);
    return;
  }
  running = stack;
  section.about = `Firestore: ${stack.firestore.reason}.`;
  Object.assign(process.env, processEnvFor(stack));
  const app = adminApp(stack.env.projectId, `bench-${kind}`);
  const db = getFirestore(app);
  try {
    for (const module of chosen) {
      if (module.scope === "per-firestore") {
        await runModule(module.name, section, (moduleLog) =>
          module.run({ ...context, log: moduleLog, stack, db }),
        );
      }
    }
  } finally {
    await deleteApp(app);
    await stack.stop();
    running = undefined;
  }
}

try {
  if (chosen.some((m) => m.scope === "per-firestore"))
    for (const kind of kinds) await onStack(kind);
  const once: Section = { title: "Without Firestore", rows: [], notes: [] };
  if (chosen.some((m) => m.scope === "once")) sections.push(once);
  for (const module of chosen) {
    if (module.scope === "once") {
      await runModule(module.name, once, (moduleLog) => module.run({ ...context, log: moduleLog }));
    }
  }
  if (chromium) machine.chromium = (await chromium).version();
} finally {
  if (chromium) await (await chromium).close();
  emulatorLog.end();
}

const markdown = renderReport({
  startedAt,
  seconds: (Date.now() - startedAt.getTime()) / 1000,
  profile,
  machine,
  sections,
});
console.log(`\n${markdown}`);
if (!values["no-write"]) {
  writeIntoDoc(join(REPO_ROOT, "docs", "benchmarks.md"), markdown);
  console.log("Written to docs/benchmarks.md.");
}
process.exit(failed ? 1 : 0);
