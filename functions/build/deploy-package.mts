// The function's deploy folder is a package of its own: the bundle, a
// package.json whose dependencies are the exact versions the root lockfile
// installed for functions/, and a package-lock.json cut out of the root one.
// Cloud Build runs `npm ci` on it, so a deploy installs exactly the tree the
// tests ran against, instead of resolving `^` ranges afresh. Pure: lockfiles
// in, lockfile out.
import { builtinModules } from "node:module";

/** One entry of a lockfile's `packages` map (lockfileVersion 2 and 3). */
export interface LockEntry {
  version?: string;
  resolved?: string;
  integrity?: string;
  link?: boolean;
  dev?: boolean;
  optional?: boolean;
  devOptional?: boolean;
  peer?: boolean;
  dependencies?: Record<string, string>;
  optionalDependencies?: Record<string, string>;
  peerDependencies?: Record<string, string>;
  peerDependenciesMeta?: Record<string, { optional?: boolean }>;
  [key: string]: unknown;
}

export interface Lockfile {
  name?: string;
  lockfileVersion: number;
  requires?: boolean;
  packages: Record<string, LockEntry>;
}

export interface DeployPackageJson {
  name: string;
  private: true;
  description: string;
  main: string;
  engines: { node: string };
  dependencies: Record<string, string>;
}

/** Where Node looks for `name` from a package at `location`, nearest first. */
export function* resolutionCandidates(location: string, name: string): Generator<string> {
  let base = location;
  for (;;) {
    yield base === "" ? `node_modules/${name}` : `${base}/node_modules/${name}`;
    if (base === "") return;
    const nested = base.lastIndexOf("/node_modules/");
    base = nested >= 0 ? base.slice(0, nested) : "";
  }
}

function resolve(lock: Lockfile, from: string, name: string): string | undefined {
  for (const candidate of resolutionCandidates(from, name)) {
    const entry = lock.packages[candidate];
    if (entry && !entry.link) return candidate;
  }
  return undefined;
}

interface Edge {
  name: string;
  optional: boolean;
}

function edgesOf(entry: LockEntry): Edge[] {
  const optionalPeer = (name: string) => entry.peerDependenciesMeta?.[name]?.optional === true;
  return [
    ...Object.keys(entry.dependencies ?? {}).map((name) => ({ name, optional: false })),
    ...Object.keys(entry.optionalDependencies ?? {}).map((name) => ({ name, optional: true })),
    ...Object.keys(entry.peerDependencies ?? {}).map((name) => ({
      name,
      optional: optionalPeer(name),
    })),
  ];
}

/** The entry as the deploy lockfile holds it: the root's install flags do not apply there. */
function deployEntry(entry: LockEntry, optional: boolean): LockEntry {
  const { dev: _dev, devOptional: _devOptional, peer: _peer, optional: _optional, ...rest } = entry;
  return optional ? { ...rest, optional: true } : rest;
}

/**
 * Every package the workspace at `workspace` reaches through `dependencies`
 * (its runtime ones), located as the root lockfile installed them, re-rooted
 * at the deploy folder: `functions/node_modules/x` becomes `node_modules/x`.
 */
export function deployLockfile(
  root: Lockfile,
  workspace: string,
  dependencies: readonly string[],
  rootEntry: { name: string; dependencies: Record<string, string>; engines: { node: string } },
): Lockfile {
  // location in the root lockfile → reached only through optional edges so far
  const reached = new Map<string, boolean>();
  const queue: { from: string; edge: Edge }[] = dependencies.map((name) => ({
    from: workspace,
    edge: { name, optional: false },
  }));
  while (queue.length > 0) {
    const next = queue.shift();
    if (!next) break;
    const { from, edge } = next;
    const location = resolve(root, from, edge.name);
    if (location === undefined) {
      if (edge.optional) continue;
      throw new Error(
        `The root package-lock.json has no ${edge.name} for ${from || "the root"}: run npm install, then build again.`,
      );
    }
    const onlyOptional = reached.get(location);
    if (onlyOptional === false || (onlyOptional === true && edge.optional)) continue;
    reached.set(location, edge.optional || (onlyOptional ?? false));
    const entry = root.packages[location] as LockEntry;
    for (const child of edgesOf(entry)) {
      queue.push({
        from: location,
        edge: { name: child.name, optional: edge.optional || child.optional },
      });
    }
  }

  const packages: Record<string, LockEntry> = { "": { ...rootEntry } };
  const prefix = `${workspace}/`;
  for (const location of [...reached.keys()].sort()) {
    const target = location.startsWith(prefix) ? location.slice(prefix.length) : location;
    if (packages[target]) {
      throw new Error(
        `${location} and another copy would both be ${target} in the deploy folder: ` +
          "dedupe the root install (npm dedupe) and build again.",
      );
    }
    packages[target] = deployEntry(
      root.packages[location] as LockEntry,
      reached.get(location) === true,
    );
  }
  return { name: rootEntry.name, lockfileVersion: 3, requires: true, packages };
}

/** The exact version the root lockfile installed for each of the workspace's dependencies. */
export function installedVersions(
  root: Lockfile,
  workspace: string,
  dependencies: readonly string[],
): Record<string, string> {
  return Object.fromEntries(
    dependencies.map((name) => {
      const location = resolve(root, workspace, name);
      const version = location ? root.packages[location]?.version : undefined;
      if (!version) {
        throw new Error(`The root package-lock.json has no installed ${name} for ${workspace}.`);
      }
      return [name, version];
    }),
  );
}

/** The package names a CommonJS bundle require()s at run time (Node's built-ins left out). */
export function requiredPackages(bundle: string): string[] {
  const names = new Set<string>();
  for (const match of bundle.matchAll(/\brequire\(\s*["']([^"']+)["']\s*\)/g)) {
    const specifier = match[1] ?? "";
    if (specifier.startsWith("node:") || specifier.startsWith(".")) continue;
    const parts = specifier.split("/");
    const name = specifier.startsWith("@") ? parts.slice(0, 2).join("/") : (parts[0] ?? "");
    if (!builtinModules.includes(name)) names.add(name);
  }
  return [...names].sort();
}
