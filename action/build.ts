// Bundles the Action into one self-contained CommonJS file for Auth0's node22
// runtime and checks what Auth0 needs: no require() of anything (no npm
// dependencies, no zod from the contract), well under the 100 kB code limit.
import { mkdirSync, renameSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";

const ACTION_DIR = dirname(fileURLToPath(import.meta.url));
export const ACTION_ENTRY = join(ACTION_DIR, "src", "index.ts");
export const ACTION_BUNDLE = join(ACTION_DIR, "dist", "custom-phone-provider.js");
/** Auth0 refuses Action code above 100 kB; stay far below it. */
export const MAX_BUNDLE_BYTES = 50 * 1024;

const BANNER = [
  "// SMS inbox: Auth0 custom-phone-provider Action.",
  "// Generated from action/src by `npm run build`; edit the source, then run",
  "// `npm run auth0:setup` to upload it. Secrets: OTP_WEBHOOK_URL, OTP_WEBHOOK_SECRET.",
].join("\n");

export async function bundleAction(): Promise<string> {
  const result = await build({
    entryPoints: [ACTION_ENTRY],
    bundle: true,
    platform: "node",
    format: "cjs",
    target: "node22",
    write: false,
    // Readable in the Auth0 editor; the whole file is a few kB anyway.
    minify: false,
    legalComments: "none",
    banner: { js: BANNER },
    logLevel: "silent",
  });
  const text = result.outputFiles[0]?.text;
  if (!text) throw new Error("esbuild produced no output for the Action");
  return text;
}

/** Problems that would make Auth0 reject the code or the runtime fail. */
export function bundleProblems(code: string): string[] {
  const problems: string[] = [];
  const bytes = Buffer.byteLength(code);
  if (bytes > MAX_BUNDLE_BYTES)
    problems.push(`bundle is ${bytes} bytes, above ${MAX_BUNDLE_BYTES}`);
  if (/\brequire\s*\(/.test(code))
    problems.push("bundle calls require(): it must not depend on any module");
  if (/\bzod\b/.test(code))
    problems.push("bundle contains zod: import the contract's types with `import type`");
  if (!/onExecuteCustomPhoneProvider/.test(code))
    problems.push("bundle does not export onExecuteCustomPhoneProvider");
  return problems;
}

function writeAtomically(path: string, text: string): void {
  const temporary = `${path}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`;
  writeFileSync(temporary, text);
  renameSync(temporary, path);
}

/** Builds and writes the bundle atomically (tests and the CLI may build at the same time). */
export async function buildAction(
  outfile: string = ACTION_BUNDLE,
): Promise<{ path: string; bytes: number }> {
  const code = await bundleAction();
  const problems = bundleProblems(code);
  if (problems.length) throw new Error(`Action bundle rejected: ${problems.join("; ")}`);
  mkdirSync(dirname(outfile), { recursive: true });
  // The workspace is ESM; this marks the bundle next to it as CommonJS for Node.
  writeAtomically(join(dirname(outfile), "package.json"), '{ "type": "commonjs" }\n');
  writeAtomically(outfile, code);
  return { path: outfile, bytes: Buffer.byteLength(code) };
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  buildAction().then(
    ({ path, bytes }) => console.log(`Action built: ${path} (${(bytes / 1024).toFixed(1)} kB)`),
    (error: unknown) => {
      console.error(error instanceof Error ? error.message : String(error));
      process.exitCode = 1;
    },
  );
}
