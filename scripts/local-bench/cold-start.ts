// Cold start of the webhook: how long the built function takes from process
// start to its first stored code, on @google-cloud/functions-framework (what
// Cloud Run functions runs) against Google's Firestore emulator. Each run is a
// fresh process: spawn → port open (modules loaded, server up) → first POST
// answered 201 (Firestore client and channel set up, code written) → a second
// POST (warm, for comparison). Three builds, taken in turns so load on the
// machine falls on each alike:
//   tsc       the function as tsc compiles it, one file per module, zod from
//             its own many files (how it was deployed before)
//   bundle    esbuild's bundle (functions/lib/index.js), next to the repo's
//             node_modules
//   deployed  the deploy folder (functions/dist) as Cloud Build installs it:
//             `npm ci` from its own lockfile, offline from npm's cache
//
//   npm run bench:cold-start [-- --runs 5]
//
// measureColdStart() returns the figures; the command prints them.
import { type ChildProcess, execFile, spawn } from "node:child_process";
import { randomUUID } from "node:crypto";
import { cpSync, mkdirSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { connect } from "node:net";
import { dirname, join } from "node:path";
import { promisify } from "node:util";
import { chooseFirestore } from "@sms-inbox/local-stack/firestore-choice";
import { probeFirestore } from "@sms-inbox/local-stack/firestore-probe";
import { startGoogleFirestore } from "@sms-inbox/local-stack/google-firestore";
import { freePort } from "@sms-inbox/local-stack/ports";
import { isEntryPoint } from "@sms-inbox/operator/cli/command";
import { REPO_ROOT, typescriptCompiler } from "@sms-inbox/operator/cli/repo-facts";
import { BUNDLE, buildFunctions, DEPLOY_DIR, FUNCTIONS_DIR } from "functions/build";
import { FUNCTION_ID } from "functions/config";
import { DEMO_PROJECT_ID } from "functions/contract/local-stack";
import { deliver } from "./deliver.js";

const run = promisify(execFile);
const HOST = "127.0.0.1";
const SECRET = "cold-start-secret-not-used-anywhere-else";
const WORK_DIR = join(REPO_ROOT, ".local-stack", "cold-start");

export const VARIANTS = ["tsc", "bundle", "deployed"] as const;
export type Variant = (typeof VARIANTS)[number];

export interface ColdStartRun {
  /** Process start → the port accepts connections: Node, modules, framework. */
  listenMs: number;
  /** Process start → the first code is stored (201). */
  firstStoredMs: number;
  /** The second code's request alone, warm: what the first paid extra is the difference. */
  warmRequestMs: number;
  /** Deliveries the first code took: more than 1 when it met a 503 past the webhook's deadline. */
  firstAttempts: number;
}

export interface VariantFigures {
  variant: Variant;
  runs: ColdStartRun[];
  median: Omit<ColdStartRun, "firstAttempts">;
  /** Runs whose first code was stored only when delivered again. */
  retriedRuns: number;
  /** What each of the function's imports costs, required in order in a fresh process (medians). */
  imports: { module: string; ms: number }[];
}

export interface ColdStartFigures {
  node: string;
  firestore: string;
  /** `node -e 0`, start to exit: the floor under every figure. */
  nodeBootMs: number;
  variants: VariantFigures[];
}

export interface ColdStartOptions {
  runs?: number;
  variants?: readonly Variant[];
  log?: (line: string) => void;
}

const frameworkMain = () =>
  join(
    dirname(createRequire(import.meta.url).resolve("@google-cloud/functions-framework")),
    "main.js",
  );

const median = (values: number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2
    ? (sorted[middle] ?? 0)
    : ((sorted[middle - 1] ?? 0) + (sorted[middle] ?? 0)) / 2;
};

const portOpen = (port: number) =>
  new Promise<boolean>((resolve) => {
    const socket = connect({ host: HOST, port });
    socket.once("connect", () => {
      socket.destroy();
      resolve(true);
    });
    socket.once("error", () => resolve(false));
  });

/** The source folder functions-framework loads for a variant (its package.json names main). */
async function prepare(variant: Variant, log: (line: string) => void): Promise<string> {
  const dir = join(WORK_DIR, variant);
  switch (variant) {
    case "bundle":
      return FUNCTIONS_DIR;
    case "tsc": {
      rmSync(dir, { recursive: true, force: true });
      mkdirSync(dir, { recursive: true });
      await run(
        process.execPath,
        [
          typescriptCompiler().tsc,
          "-p",
          join(FUNCTIONS_DIR, "tsconfig.build.json"),
          "--outDir",
          dir,
        ],
        { cwd: REPO_ROOT },
      );
      writeFileSync(join(dir, "package.json"), '{ "main": "index.js" }\n');
      return dir;
    }
    case "deployed": {
      rmSync(dir, { recursive: true, force: true });
      cpSync(DEPLOY_DIR, dir, { recursive: true });
      log("  installing the deploy folder: npm ci --offline from its own package-lock.json …");
      await run("npm", ["ci", "--offline", "--ignore-scripts", "--no-audit", "--no-fund"], {
        cwd: dir,
        env: { ...process.env, npm_config_loglevel: "error" },
      });
      return dir;
    }
  }
}

/** A code delivered as the Action delivers it; how many attempts it took. */
async function post(port: number, code: string): Promise<number> {
  const payload = { recipient: "+61400000001", code, messageText: `Code ${code}` };
  // A key of its own each time: every variant's run n sends the same codes,
  // and a repeated key would be answered from the stored code, not stored.
  const { attempts } = await deliver(`http://${HOST}:${port}/`, SECRET, payload, randomUUID());
  return attempts;
}

async function stopProcess(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return;
  const exited = new Promise((resolve) => child.once("exit", resolve));
  child.kill("SIGTERM");
  await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 5_000))]);
  if (child.exitCode === null) child.kill("SIGKILL");
}

async function oneRun(source: string, firestoreHost: string, n: number): Promise<ColdStartRun> {
  const port = await freePort(HOST);
  const started = performance.now();
  const child = spawn(
    process.execPath,
    [frameworkMain(), `--target=${FUNCTION_ID}`, `--source=${source}`, `--port=${port}`],
    {
      env: {
        ...process.env,
        NODE_ENV: "production",
        METADATA_SERVER_DETECTION: "none",
        GCLOUD_PROJECT: DEMO_PROJECT_ID,
        FIRESTORE_EMULATOR_HOST: firestoreHost,
        OTP_WEBHOOK_SECRET: SECRET,
        OTP_RETENTION_MINUTES: "10",
      },
      stdio: ["ignore", "ignore", "pipe"],
    },
  );
  let stderr = "";
  child.stderr?.on("data", (chunk) => {
    stderr += chunk;
  });
  try {
    while (!(await portOpen(port))) {
      if (child.exitCode !== null) throw new Error(`functions-framework exited:\n${stderr}`);
      if (performance.now() - started > 60_000) throw new Error("the function did not listen");
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    const listenMs = performance.now() - started;
    const firstAttempts = await post(port, String(100000 + n * 2));
    const firstStoredMs = performance.now() - started;
    const warmStarted = performance.now();
    const warmAttempts = await post(port, String(100001 + n * 2));
    const warmRequestMs = performance.now() - warmStarted;
    if (warmAttempts > 1) throw new Error(`the warm request needed ${warmAttempts} attempts`);
    return { listenMs, firstStoredMs, warmRequestMs, firstAttempts };
  } finally {
    await stopProcess(child);
  }
}

/** Time of each import the function makes at start, in the order it makes them. */
async function importCosts(source: string, entry: string) {
  const modules = [
    "firebase-functions/v2/https",
    "firebase-functions/params",
    "firebase-admin/app",
    "firebase-admin/firestore",
    entry,
  ];
  const script = `
    const { createRequire } = require("node:module");
    const req = createRequire(${JSON.stringify(join(source, "package.json"))});
    const out = [];
    for (const m of ${JSON.stringify(modules)}) {
      const t = performance.now(); req(m); out.push({ module: m, ms: performance.now() - t });
    }
    console.log(JSON.stringify(out));`;
  const { stdout } = await run(process.execPath, ["-e", script], {
    env: {
      ...process.env,
      METADATA_SERVER_DETECTION: "none",
      GCLOUD_PROJECT: DEMO_PROJECT_ID,
      OTP_WEBHOOK_SECRET: SECRET,
    },
  });
  const costs = JSON.parse(stdout) as { module: string; ms: number }[];
  return costs.map((cost) =>
    cost.module === entry ? { module: "the function itself (after those)", ms: cost.ms } : cost,
  );
}

async function medianImportCosts(source: string, entry: string, runs: number) {
  const all: { module: string; ms: number }[][] = [];
  for (let n = 0; n < runs; n += 1) all.push(await importCosts(source, entry));
  return (all[0] ?? []).map(({ module }, i) => ({
    module,
    ms: median(all.map((costs) => costs[i]?.ms ?? 0)),
  }));
}

async function nodeBoot(): Promise<number> {
  const times: number[] = [];
  for (let i = 0; i < 5; i += 1) {
    const started = performance.now();
    await run(process.execPath, ["-e", "0"]);
    times.push(performance.now() - started);
  }
  return median(times);
}

export async function measureColdStart(options: ColdStartOptions = {}): Promise<ColdStartFigures> {
  const runs = options.runs ?? 5;
  const variants = options.variants ?? VARIANTS;
  const log = options.log ?? (() => {});
  const choice = chooseFirestore(
    await probeFirestore({ ...process.env, SMS_INBOX_FIRESTORE: "google" }),
  );
  if (choice.kind !== "google") throw new Error(choice.reason);

  log("building the function (npm run build -w functions) …");
  await buildFunctions();
  const sources = new Map<Variant, string>();
  for (const variant of variants) sources.set(variant, await prepare(variant, log));

  const firestorePort = await freePort(HOST);
  const firestore = await startGoogleFirestore({
    launch: choice.launch,
    host: HOST,
    port: firestorePort,
    projectId: DEMO_PROJECT_ID,
    rulesPath: join(REPO_ROOT, "firestore.rules"),
    log: () => {},
  });
  try {
    const results = new Map<Variant, ColdStartRun[]>(variants.map((v) => [v, []]));
    for (let n = 0; n < runs; n += 1) {
      for (const variant of variants) {
        const figures = await oneRun(sources.get(variant) ?? "", `${HOST}:${firestorePort}`, n);
        results.get(variant)?.push(figures);
        log(
          `  ${variant.padEnd(8)} run ${n + 1}: listening ${figures.listenMs.toFixed(0)} ms, first code stored ${figures.firstStoredMs.toFixed(0)} ms`,
        );
      }
    }
    const figures: VariantFigures[] = [];
    for (const variant of variants) {
      const source = sources.get(variant) ?? "";
      const entry = variant === "bundle" ? BUNDLE : join(source, "index.js");
      const all = results.get(variant) ?? [];
      figures.push({
        variant,
        runs: all,
        median: {
          listenMs: median(all.map((r) => r.listenMs)),
          firstStoredMs: median(all.map((r) => r.firstStoredMs)),
          warmRequestMs: median(all.map((r) => r.warmRequestMs)),
        },
        retriedRuns: all.filter((r) => r.firstAttempts > 1).length,
        imports: await medianImportCosts(source, entry, runs),
      });
    }
    return {
      node: process.version,
      firestore: choice.reason,
      nodeBootMs: await nodeBoot(),
      variants: figures,
    };
  } finally {
    await firestore.stop();
  }
}

const DESCRIPTIONS: Record<Variant, string> = {
  tsc: "tsc output, a file per module",
  bundle: "esbuild bundle (functions/lib)",
  deployed: "deploy folder after npm ci",
};

export function formatColdStart(figures: ColdStartFigures): string[] {
  const ms = (value: number) => `${value.toFixed(0)} ms`.padStart(8);
  const lines = [
    `Cold start on functions-framework, Node ${figures.node}, Firestore: Google's emulator`,
    `(node -e 0 takes ${figures.nodeBootMs.toFixed(0)} ms here); medians of ${figures.variants[0]?.runs.length ?? 0} fresh processes each:`,
    "",
    `${"build".padEnd(34)}${"listening".padStart(10)}${"1st code stored".padStart(17)}${"warm request".padStart(14)}`,
  ];
  for (const { variant, median: m } of figures.variants) {
    lines.push(
      `${DESCRIPTIONS[variant].padEnd(34)}${ms(m.listenMs).padStart(10)}${ms(m.firstStoredMs).padStart(17)}${ms(m.warmRequestMs).padStart(14)}`,
    );
  }
  for (const { variant, retriedRuns, runs } of figures.variants) {
    if (retriedRuns > 0)
      lines.push(
        `${DESCRIPTIONS[variant]}: in ${retriedRuns} of ${runs.length} runs the first code met a 503 (the webhook's Firestore deadline) and was stored when delivered again; its time counts to that store`,
      );
  }
  for (const { variant, imports } of figures.variants) {
    lines.push(
      "",
      `imports at start, ${DESCRIPTIONS[variant]} (in order, fresh process, medians):`,
    );
    for (const cost of imports) lines.push(`  ${cost.module.padEnd(38)}${ms(cost.ms)}`);
  }
  return lines;
}

if (isEntryPoint(import.meta.url)) {
  const { parseArgs } = await import("node:util");
  const { values } = parseArgs({ options: { runs: { type: "string", default: "5" } } });
  const runs = Number(values.runs);
  if (!Number.isInteger(runs) || runs < 1) {
    console.error("--runs must be a whole number of runs, 1 or more");
    process.exit(64);
  }
  const figures = await measureColdStart({ runs, log: (line) => console.error(line) });
  for (const line of formatColdStart(figures)) console.log(line);
}
