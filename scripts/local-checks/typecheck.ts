// `npm run typecheck`: every workspace's tsconfig, and the function's tests',
// with TypeScript 7's tsc.
import { spawnSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { REPO_ROOT, typescriptCompiler } from "@sms-inbox/operator/cli/repo-facts";

const { tsc, version } = typescriptCompiler();
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
