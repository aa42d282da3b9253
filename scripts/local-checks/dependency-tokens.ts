// Long random-looking strings that a workspace's runtime dependencies publish
// (the Firestore SDK carries encoded Unicode tables and descriptors that look
// like keys). A token found here is public by definition, so the bundle scan
// does not report it.
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { TOKEN_PATTERN } from "./secret-scan.js";

interface PackageJson {
  dependencies?: Record<string, string>;
  optionalDependencies?: Record<string, string>;
}

/** Node's lookup: <dir>/node_modules/<name>, then the same from each parent directory. */
function findPackageDir(name: string, fromDir: string): string | undefined {
  for (let dir = fromDir; ; dir = dirname(dir)) {
    const candidate = join(dir, "node_modules", name);
    if (existsSync(join(candidate, "package.json"))) return candidate;
    if (dirname(dir) === dir) return undefined;
  }
}

function runtimePackageDirs(workspaceDir: string): string[] {
  const seen = new Set<string>();
  const queue = [workspaceDir];
  while (queue.length > 0) {
    const dir = queue.pop() as string;
    const manifest = JSON.parse(readFileSync(join(dir, "package.json"), "utf8")) as PackageJson;
    for (const name of Object.keys({
      ...manifest.dependencies,
      ...manifest.optionalDependencies,
    })) {
      const found = findPackageDir(name, dir);
      if (found && !seen.has(found)) {
        seen.add(found);
        queue.push(found);
      }
    }
  }
  return [...seen];
}

function* scriptFiles(dir: string): Generator<string> {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) {
      // Nested node_modules are dependencies in their own right (walked if depended on).
      if (entry.name !== "node_modules") yield* scriptFiles(path);
    } else if (/\.(?:m|c)?js$/.test(entry.name)) {
      yield path;
    }
  }
}

/** Every token (TOKEN_PATTERN) in the JavaScript of the workspace's runtime dependency tree. */
export function dependencyTokens(workspaceDir: string): Set<string> {
  const tokens = new Set<string>();
  for (const packageDir of runtimePackageDirs(workspaceDir)) {
    for (const file of scriptFiles(packageDir)) {
      for (const match of readFileSync(file, "utf8").matchAll(TOKEN_PATTERN)) tokens.add(match[0]);
    }
  }
  return tokens;
}
