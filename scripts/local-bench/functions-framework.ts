// The built function on @google-cloud/functions-framework, the runtime Cloud
// Run functions uses: one Node process, NODE_ENV=production. The Functions
// emulator starts a worker per concurrent request, so throughput measured
// through it measures the emulator, not us.
import { type ChildProcess, spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { createServer } from "node:net";
import { dirname, join } from "node:path";
import { REPO_ROOT } from "@sms-inbox/operator/cli/repo-facts";
import { FUNCTION_ID } from "functions/config";

export const freePort = (): Promise<number> =>
  new Promise((resolve, reject) => {
    const server = createServer().listen(0, "127.0.0.1", () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
    server.on("error", reject);
  });

export interface FrameworkOptions {
  /** host:port of the Firestore emulator the function writes to. */
  firestoreHost: string;
  projectId: string;
  secret: string;
  /** Extra Node flags, e.g. ["--cpu-prof", "--cpu-prof-dir=…"]. */
  nodeFlags?: string[];
}

export interface RunningFunction {
  url: string;
  pid: number | undefined;
  /** Peak resident memory so far (Linux /proc VmHWM), in MiB. */
  peakRssMiB(): number | undefined;
  /** SIGTERM, then SIGKILL if it lingers; resolves once the process has exited. */
  stop(): Promise<void>;
}

async function waitForHttp(url: string, child: ChildProcess): Promise<void> {
  for (let i = 0; i < 300; i++) {
    if (child.exitCode !== null) throw new Error("functions-framework exited before it answered");
    const ok = await fetch(url).then(
      async (response) => {
        await response.body?.cancel();
        return true;
      },
      () => false,
    );
    if (ok) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`${url} did not answer within 30 s`);
}

function peakRss(pid: number | undefined): number | undefined {
  if (pid === undefined) return undefined;
  try {
    const kib = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, "utf8"))?.[1];
    return kib ? Number(kib) / 1024 : undefined;
  } catch {
    return undefined;
  }
}

export async function startFunctionOnFramework(
  options: FrameworkOptions,
): Promise<RunningFunction> {
  const port = await freePort();
  // The package exports only its API; its CLI (main.js) sits beside the entry.
  const frameworkBin = join(
    dirname(createRequire(import.meta.url).resolve("@google-cloud/functions-framework")),
    "main.js",
  );
  const child = spawn(
    process.execPath,
    [
      ...(options.nodeFlags ?? []),
      frameworkBin,
      `--target=${FUNCTION_ID}`,
      `--source=${join(REPO_ROOT, "functions")}`,
      `--port=${port}`,
    ],
    {
      env: {
        ...process.env,
        NODE_ENV: "production",
        METADATA_SERVER_DETECTION: "none",
        GCLOUD_PROJECT: options.projectId,
        FIRESTORE_EMULATOR_HOST: options.firestoreHost,
        OTP_WEBHOOK_SECRET: options.secret,
        OTP_RETENTION_MINUTES: "10",
      },
      stdio: ["ignore", "ignore", "inherit"],
    },
  );
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  const url = `http://127.0.0.1:${port}/`;
  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    child.kill("SIGTERM");
    const killer = setTimeout(() => child.kill("SIGKILL"), 10_000);
    await exited;
    clearTimeout(killer);
  };
  try {
    await waitForHttp(url, child);
  } catch (error) {
    await stop();
    throw error;
  }
  return { url, pid: child.pid, peakRssMiB: () => peakRss(child.pid), stop };
}
