// `npm run typecheck`: every workspace's tsconfig, and the function's tests',
// with TypeScript 7's tsc. It is called by path because two tsc binaries are
// installed: rollup-plugin-dts needs a compiler API, which TypeScript 7.0 does
// not have, so @typescript/typescript6 brings TypeScript 6 along, and npm may
// link either one as node_modules/.bin/tsc.
import { spawnSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { REPO_ROOT } from "@sms-inbox/operator/cli/repo-facts";

const typescriptDir = dirname(createRequire(import.meta.url).resolve("typescript/package.json"));
const tsc = join(typescriptDir, "bin", "tsc");
const { version } = JSON.parse(readFileSync(join(typescriptDir, "package.json"), "utf8")) as {
  version: string;
};
const { workspaces } = JSON.parse(readFileSync(join(REPO_ROOT, "package.json"), "utf8")) as {
  workspaces: string[];
};
const projects = [...workspaces, "functions/test"].filter((dir) =>
  existsSync(join(REPO_ROOT, dir, "tsconfig.json")),
);

const failed = projects.filter(
  (dir) =>
    spawnSync(process.execPath, [tsc, "-p", dir], { cwd: REPO_ROOT, stdio: "inherit" }).status !==
    0,
);
if (failed.length > 0) {
  console.error(`typecheck: type errors in ${failed.join(", ")} (TypeScript ${version})`);
  process.exit(1);
}
console.log(`typecheck: ${projects.length} projects, no type errors (TypeScript ${version})`);
