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
  /** The running process (a new one after restart()). */
  readonly process: ChildProcess;
  /** The end of what the function wrote to stdout and stderr (its logs), for a failing test's message. */
  output(): string;
  /** Ends the process and whatever it started: SIGTERM (SIGKILL after 3 s), or the signal given. */
  stop(signal?: NodeJS.Signals): Promise<void>;
  /** A fresh process on the same port, as Cloud Run replaces a crashed instance. */
  restart(): Promise<void>;
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

interface Launched {
  child: ChildProcess;
  exited: Promise<unknown>;
}

function launch(options: FrameworkOptions, port: number, keep: (chunk: Buffer) => void): Launched {
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
  child.stdout?.on("data", keep);
  child.stderr?.on("data", keep);
  return { child, exited: once(child, "exit") };
}

export async function startFrameworkFunction(
  options: FrameworkOptions,
): Promise<FrameworkFunction> {
  const port = options.port ?? (await freePort("127.0.0.1"));
  let output = "";
  const keep = (chunk: Buffer) => {
    output = (output + chunk.toString()).slice(-8_000);
  };
  const url = `http://127.0.0.1:${port}/`;
  let current = launch(options, port, keep);

  // Its own process group (detached), so a stop reaches whatever it started too.
  const signal = (child: ChildProcess, name: NodeJS.Signals) => {
    try {
      if (child.pid !== undefined) process.kill(-child.pid, name);
    } catch {
      // Nothing is left in the group.
    }
  };
  const stop = async (first: NodeJS.Signals = "SIGTERM") => {
    const { child, exited } = current;
    if (child.exitCode !== null || child.signalCode !== null) return;
    signal(child, first);
    const timer = setTimeout(() => signal(child, "SIGKILL"), 3_000);
    await exited;
    clearTimeout(timer);
  };
  const answering = async () => {
    for (let attempt = 0; ; attempt++) {
      if (current.child.exitCode !== null || current.child.signalCode !== null) {
        throw new Error(`functions-framework exited: ${output}`);
      }
      const answered = await fetch(url, { method: "OPTIONS" }).then(
        (response) => response.body?.cancel().then(() => true),
        () => false,
      );
      if (answered) return;
      if (attempt > 300) {
        await stop();
        throw new Error(`functions-framework did not answer on ${url}: ${output}`);
      }
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  };
  await answering();
  return {
    url,
    get process() {
      return current.child;
    },
    output: () => output,
    stop,
    async restart() {
      await stop();
      current = launch(options, port, keep);
      await answering();
    },
  };
}
