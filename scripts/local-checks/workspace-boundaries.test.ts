// Every workspace reaches another only by its package name (functions/contract/…,
// action/…, @sms-inbox/…), never by a relative path out of its own folder, so
// each can be built, deployed or moved on its own terms.
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { dirname, join, normalize, relative } from "node:path";
import { REPO_ROOT } from "@sms-inbox/operator/cli/repo-facts";
import { describe, expect, it } from "vitest";

const workspaces = (
  JSON.parse(readFileSync(join(REPO_ROOT, "package.json"), "utf8")) as { workspaces: string[] }
).workspaces;

/** The workspace a repo-relative path belongs to (the deepest that holds it), or "(root)". */
function workspaceOf(path: string, all: readonly string[] = workspaces): string {
  const holders = all.filter((ws) => path === ws || path.startsWith(`${ws}/`));
  return holders.sort((a, b) => b.length - a.length)[0] ?? "(root)";
}

const IMPORT = /(?:\bfrom\s*|\bimport\s*\(\s*|\bimport\s+)["'](\.{1,2}\/[^"']+)["']/g;

/** Relative imports in `source` (at repo-relative `path`) that leave its workspace. */
function crossingImports(path: string, source: string): string[] {
  const home = workspaceOf(path);
  return [...source.matchAll(IMPORT)]
    .map((match) => match[1] ?? "")
    .filter((specifier) => workspaceOf(normalize(join(dirname(path), specifier))) !== home);
}

describe("workspace boundaries", () => {
  it("finds a relative import that leaves its workspace, and allows one that stays", () => {
    expect(
      crossingImports(
        "scripts/operator/codes/send-code.ts",
        'import { x } from "../../../functions/src/contract/notification.js";\n' +
          'import { y } from "../cli/command.js";\nconst z = await import("../../local-stack/stack.js");',
      ),
    ).toEqual(["../../../functions/src/contract/notification.js", "../../local-stack/stack.js"]);
  });

  it("no source file imports another workspace by relative path", () => {
    const files = execFileSync("git", ["ls-files", "--cached", "--others", "--exclude-standard"], {
      cwd: REPO_ROOT,
      encoding: "utf8",
    })
      .split("\n")
      .filter((file) => /\.(ts|tsx|mts)$/.test(file) && !file.includes("node_modules/"))
      // This file's own examples above are strings, not imports.
      .filter((file) => !file.endsWith("workspace-boundaries.test.ts"));
    expect(files.length).toBeGreaterThan(100);
    const crossings = files.flatMap((file) => {
      let source: string;
      try {
        source = readFileSync(join(REPO_ROOT, file), "utf8");
      } catch {
        return []; // deleted in the work tree
      }
      return crossingImports(relative(REPO_ROOT, join(REPO_ROOT, file)), source).map(
        (specifier) => `${file}: ${specifier}`,
      );
    });
    expect(crossings).toEqual([]);
  });
});
