// The deploy folder (functions/dist) deploys what was tested: its package.json
// pins the versions the root lockfile installed, its own lockfile is the root
// one's subtree, and `npm ci` of it (what Cloud Build runs) gives a tree in
// which the bundle loads. Reads what `npm run build` wrote; never rebuilds,
// since the local stack's Functions emulator watches lib/.
import { execFile } from "node:child_process";
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterAll, describe, expect, it } from "vitest";
import {
  BUNDLE,
  DEPLOY_DIR,
  deployPackage,
  ROOT_LOCKFILE,
  RUNTIME_PACKAGES,
  WORKSPACE,
} from "../build/build.mjs";
import {
  deployLockfile,
  type Lockfile,
  requiredPackages,
  resolutionCandidates,
} from "../build/deploy-package.mjs";

const run = promisify(execFile);
const readJson = <T>(path: string): T => JSON.parse(readFileSync(path, "utf8")) as T;

describe("the deploy folder", () => {
  const built = () => {
    expect(existsSync(join(DEPLOY_DIR, "package.json")), "run npm run build first").toBe(true);
    return {
      packageJson: readJson<{ main: string; dependencies: Record<string, string> }>(
        join(DEPLOY_DIR, "package.json"),
      ),
      lockfile: readJson<Lockfile>(join(DEPLOY_DIR, "package-lock.json")),
      root: readJson<Lockfile>(ROOT_LOCKFILE),
    };
  };

  it("pins every runtime dependency to the version the root lockfile installed", () => {
    const { packageJson, root } = built();
    expect(Object.keys(packageJson.dependencies).sort()).toEqual([...RUNTIME_PACKAGES].sort());
    for (const [name, version] of Object.entries(packageJson.dependencies)) {
      const installed =
        root.packages[`${WORKSPACE}/node_modules/${name}`] ?? root.packages[`node_modules/${name}`];
      expect(version, name).toBe(installed?.version);
      expect(version, name).toMatch(/^\d+\.\d+\.\d+(-[\w.]+)?$/);
    }
  });

  it("holds a lockfile that is the root lockfile's subtree, entry for entry", () => {
    const { packageJson, lockfile, root } = built();
    expect(lockfile.packages[""]?.dependencies).toEqual(packageJson.dependencies);
    const entries = Object.entries(lockfile.packages).filter(([path]) => path !== "");
    expect(entries.length).toBeGreaterThan(50);
    for (const [path, entry] of entries) {
      const original = root.packages[`${WORKSPACE}/${path}`] ?? root.packages[path];
      expect(original, path).toBeDefined();
      expect(entry.version, path).toBe(original?.version);
      expect(entry.integrity, path).toBe(original?.integrity);
      expect(entry.dev, path).toBeUndefined();
    }
    // It is also exactly what the build would write from today's root lockfile.
    const engines = readJson<{ engines: { node: string } }>(join(DEPLOY_DIR, "package.json"));
    expect(deployPackage(root, engines.engines).lockfile).toEqual(lockfile);
  });

  it("ships the bundle the local stack runs, requiring only what the package declares", () => {
    const { packageJson } = built();
    const bundle = readFileSync(join(DEPLOY_DIR, packageJson.main), "utf8");
    expect(bundle).toBe(readFileSync(BUNDLE, "utf8"));
    expect(requiredPackages(bundle)).toEqual([...RUNTIME_PACKAGES].sort());
    expect(bundle).not.toMatch(/require\(["']zod["']\)/);
    expect(readFileSync(join(DEPLOY_DIR, ".env"), "utf8")).toMatch(/^OTP_RETENTION_MINUTES=/m);
    expect(existsSync(join(DEPLOY_DIR, ".secret.local"))).toBe(false);
  });

  describe("installed as Cloud Build installs it", () => {
    const dir = mkdtempSync(join(tmpdir(), "sms-inbox-deploy-"));
    afterAll(() => rmSync(dir, { recursive: true, force: true }));

    it("npm ci gives exactly the locked versions, and the bundle loads from them", async () => {
      built();
      cpSync(DEPLOY_DIR, dir, { recursive: true });
      // Offline: everything is in npm's cache since the root install.
      await run("npm", ["ci", "--offline", "--ignore-scripts", "--no-audit", "--no-fund"], {
        cwd: dir,
        env: { ...process.env, npm_config_loglevel: "error" },
      });
      const lockfile = readJson<Lockfile>(join(dir, "package-lock.json"));
      for (const [path, entry] of Object.entries(lockfile.packages)) {
        if (path === "" || entry.optional) continue;
        const installed = readJson<{ version: string }>(join(dir, path, "package.json"));
        expect(installed.version, path).toBe(entry.version);
      }
      const { stdout } = await run(
        process.execPath,
        ["-e", "const f = require('./index.js'); console.log(typeof f.otp)"],
        {
          cwd: dir,
          env: {
            ...process.env,
            GCLOUD_PROJECT: "demo-sms-inbox",
            METADATA_SERVER_DETECTION: "none",
            NODE_PATH: "",
          },
        },
      );
      expect(stdout.trim()).toBe("function");
    }, 240_000);
  });
});

describe("cutting a deploy lockfile out of the root one", () => {
  const root: Lockfile = {
    lockfileVersion: 3,
    packages: {
      "": { name: "repo" },
      "node_modules/functions": { link: true, resolved: "functions" },
      functions: { dependencies: { a: "^1.0.0" } },
      "functions/node_modules/a": {
        version: "1.2.0",
        integrity: "sha512-a",
        dependencies: { b: "^2.0.0", c: "^1.0.0" },
        optionalDependencies: { fsevents: "^2.0.0" },
        peerDependencies: { d: "*", e: "*" },
        peerDependenciesMeta: { e: { optional: true } },
      },
      "node_modules/a": { version: "0.9.0", integrity: "sha512-old", dev: true },
      "node_modules/b": { version: "2.1.0", integrity: "sha512-b", dev: true },
      "functions/node_modules/a/node_modules/c": { version: "1.0.1", integrity: "sha512-c" },
      "node_modules/c": { version: "3.0.0", integrity: "sha512-c3" },
      "node_modules/d": { version: "4.0.0", integrity: "sha512-d", peer: true },
      "node_modules/unrelated": { version: "1.0.0" },
    },
  };
  const rootEntry = { name: "deploy", dependencies: { a: "1.2.0" }, engines: { node: "22" } };

  it("follows Node's resolution and re-roots the workspace's own copies", () => {
    const lock = deployLockfile(root, "functions", ["a"], rootEntry);
    expect(Object.keys(lock.packages).sort()).toEqual(
      [
        "",
        "node_modules/a",
        "node_modules/a/node_modules/c",
        "node_modules/b",
        "node_modules/d",
      ].sort(),
    );
    expect(lock.packages["node_modules/a"]?.version).toBe("1.2.0");
    expect(lock.packages["node_modules/a/node_modules/c"]?.version).toBe("1.0.1");
    // The root install's flags (dev, peer) say nothing about the deploy folder.
    expect(lock.packages["node_modules/b"]).toEqual({ version: "2.1.0", integrity: "sha512-b" });
    expect(lock.packages["node_modules/d"]?.peer).toBeUndefined();
    expect(lock.packages[""]).toEqual(rootEntry);
  });

  it("marks what only optional edges reach as optional, and skips absent optional packages", () => {
    const withOptional: Lockfile = {
      ...root,
      packages: {
        ...root.packages,
        "node_modules/fsevents": { version: "2.3.3", integrity: "sha512-f", optional: true },
      },
    };
    const lock = deployLockfile(withOptional, "functions", ["a"], rootEntry);
    expect(lock.packages["node_modules/fsevents"]?.optional).toBe(true);
    expect(lock.packages["node_modules/a"]?.optional).toBeUndefined();
  });

  it("refuses a lockfile that lacks a required package, naming it", () => {
    const { "node_modules/b": _b, ...packages } = root.packages;
    expect(() => deployLockfile({ ...root, packages }, "functions", ["a"], rootEntry)).toThrow(
      /has no b for functions\/node_modules\/a: run npm install/,
    );
  });

  it("refuses two copies that would land on one path", () => {
    const clash: Lockfile = {
      ...root,
      packages: {
        ...root.packages,
        "functions/node_modules/x": { version: "1.0.0" },
        "node_modules/x": { version: "2.0.0" },
        "node_modules/b": { version: "2.1.0", dependencies: { x: "^2.0.0" } },
        "functions/node_modules/a": {
          ...(root.packages["functions/node_modules/a"] ?? {}),
          dependencies: { b: "^2.0.0", c: "^1.0.0", x: "^1.0.0" },
        },
      },
    };
    expect(() => deployLockfile(clash, "functions", ["a"], rootEntry)).toThrow(/npm dedupe/);
  });

  it("lists where Node looks, nearest first", () => {
    expect([...resolutionCandidates("node_modules/a/node_modules/@s/b", "c")]).toEqual([
      "node_modules/a/node_modules/@s/b/node_modules/c",
      "node_modules/a/node_modules/c",
      "node_modules/c",
    ]);
    expect([...resolutionCandidates("functions", "c")]).toEqual([
      "functions/node_modules/c",
      "node_modules/c",
    ]);
  });

  it("reads the packages a bundle requires, scoped or not, without Node's own", () => {
    const bundle = `require("node:fs");require("path");require("firebase-admin/app");require('@s/p/x');require("./local")`;
    expect(requiredPackages(bundle)).toEqual(["@s/p", "firebase-admin"]);
  });
});
