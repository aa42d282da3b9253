// The built functions on @google-cloud/functions-framework: the runtime Cloud
// Run functions use, one process serving concurrent requests. The Functions
// emulator starts a worker process per concurrent request instead, so
// concurrency and memory are measured and tested here.
import { type ChildProcess, spawn } from "node:child_process";
import { once } from "node:events";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { REPO_ROOT } from "@sms-inbox/operator/cli/repo-facts";
import { DEFAULT_MAX_WAITS, DEFAULT_RETENTION_MINUTES } from "functions/config";
import { DEMO_PROJECT_ID } from "functions/contract/local-stack";
import { freePort } from "./ports.js";

// The package exports only its API; its CLI (main.js) sits beside the entry.
const frameworkBin = () =>
  join(
    dirname(createRequire(import.meta.url).resolve("@google-cloud/functions-framework")),
    "main.js",
  );

export interface FrameworkFunction {
  url: string;
  process: ChildProcess;
  /** The end of what the function wrote to stdout and stderr (its logs), for a failing test's message. */
  output(): string;
  stop(): Promise<void>;
}

export interface FrameworkOptions {
  /** The exported function: `otp` or `codes`. */
  target: string;
  firestoreHost: string;
  /** Secrets and parameters, as Cloud Run hands them to the function. */
  env: Record<string, string>;
  port?: number;
  /** Extra flags for node, e.g. --expose-gc. */
  nodeOptions?: string[];
}

export async function startFrameworkFunction(
  options: FrameworkOptions,
): Promise<FrameworkFunction> {
  const port = options.port ?? (await freePort("127.0.0.1"));
  const child = spawn(
    process.execPath,
    [
      ...(options.nodeOptions ?? []),
      frameworkBin(),
      `--target=${options.target}`,
      `--source=${join(REPO_ROOT, "functions")}`,
      `--port=${port}`,
    ],
    {
      env: {
        ...process.env,
        NODE_ENV: "production",
        METADATA_SERVER_DETECTION: "none",
        GCLOUD_PROJECT: DEMO_PROJECT_ID,
        FIRESTORE_EMULATOR_HOST: options.firestoreHost,
        // Firebase's deploy writes parameters' defaults into the environment;
        // functions-framework alone does not, and the function reads them there.
        OTP_RETENTION_MINUTES: String(DEFAULT_RETENTION_MINUTES),
        CODES_API_MAX_WAITS: String(DEFAULT_MAX_WAITS),
        ...options.env,
      },
      stdio: ["ignore", "pipe", "pipe"],
      detached: true,
    },
  );
  let stderr = "";
  const keep = (chunk: Buffer) => {
    stderr = (stderr + chunk.toString()).slice(-8_000);
  };
  child.stdout?.on("data", keep);
  child.stderr?.on("data", keep);
  const exited = once(child, "exit");
  const url = `http://127.0.0.1:${port}/`;
  // Its own process group (detached), so a stop reaches whatever it started too.
  const signal = (name: NodeJS.Signals) => {
    try {
      if (child.pid !== undefined) process.kill(-child.pid, name);
    } catch {
      // Nothing is left in the group.
    }
  };
  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    signal("SIGTERM");
    const timer = setTimeout(() => signal("SIGKILL"), 3_000);
    await exited;
    clearTimeout(timer);
  };
  for (let attempt = 0; ; attempt++) {
    if (child.exitCode !== null) throw new Error(`functions-framework exited: ${stderr}`);
    const answered = await fetch(url, { method: "OPTIONS" }).then(
      (response) => response.body?.cancel().then(() => true),
      () => false,
    );
    if (answered) return { url, process: child, output: () => stderr, stop };
    if (attempt > 300) {
      await stop();
      throw new Error(`functions-framework did not answer on ${url}: ${stderr}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
