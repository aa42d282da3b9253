// Bundles each Action into one self-contained CommonJS file for Auth0's node22
// runtime and checks what Auth0 needs: no require() of anything (no npm
// dependencies, no zod from the contract), well under the 100 kB code limit.
// `npm run build` writes both: the phone Action and the email Action.
import { mkdirSync, renameSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";

const ACTION_DIR = dirname(fileURLToPath(import.meta.url));
/** Auth0 refuses Action code above 100 kB; stay far below it. */
export const MAX_BUNDLE_BYTES = 50 * 1024;

/** One Auth0 Action: its entry module, its bundle and the handler Auth0 calls. */
export interface ActionSpec {
  trigger: "custom-phone-provider" | "custom-email-provider";
  entry: string;
  bundle: string;
  handler: string;
  /** How the generated file reaches a tenant, for its banner. */
  install: string;
}

export const PHONE_ACTION: ActionSpec = {
  trigger: "custom-phone-provider",
  entry: join(ACTION_DIR, "src", "index.ts"),
  bundle: join(ACTION_DIR, "dist", "custom-phone-provider.js"),
  handler: "onExecuteCustomPhoneProvider",
  install: "run `npm run auth0:setup` to upload it",
};

export const EMAIL_ACTION: ActionSpec = {
  trigger: "custom-email-provider",
  entry: join(ACTION_DIR, "src", "custom-email-provider.ts"),
  bundle: join(ACTION_DIR, "dist", "custom-email-provider.js"),
  handler: "onExecuteCustomEmailProvider",
  install: "run `npm run auth0:setup -- --email` to upload it",
};

export const ACTION_ENTRY = PHONE_ACTION.entry;
export const ACTION_BUNDLE = PHONE_ACTION.bundle;
export const EMAIL_ACTION_BUNDLE = EMAIL_ACTION.bundle;

const banner = (spec: ActionSpec) =>
  [
    `// SMS inbox: Auth0 ${spec.trigger} Action.`,
    `// Generated from action/src by \`npm run build\`; edit the source, then ${spec.install}.`,
    "// Secrets: OTP_WEBHOOK_URL, OTP_WEBHOOK_SECRET.",
  ].join("\n");

export async function bundleAction(spec: ActionSpec = PHONE_ACTION): Promise<string> {
  const result = await build({
    entryPoints: [spec.entry],
    bundle: true,
    platform: "node",
    format: "cjs",
    target: "node22",
    write: false,
    // Readable in the Auth0 editor; the whole file is a few kB anyway.
    minify: false,
    legalComments: "none",
    banner: { js: banner(spec) },
    logLevel: "silent",
  });
  const text = result.outputFiles[0]?.text;
  if (!text) throw new Error(`esbuild produced no output for the ${spec.trigger} Action`);
  return text;
}

/** Problems that would make Auth0 reject the code or the runtime fail. */
export function bundleProblems(code: string, spec: ActionSpec = PHONE_ACTION): string[] {
  const problems: string[] = [];
  const bytes = Buffer.byteLength(code);
  if (bytes > MAX_BUNDLE_BYTES)
    problems.push(`bundle is ${bytes} bytes, above ${MAX_BUNDLE_BYTES}`);
  if (/\brequire\s*\(/.test(code))
    problems.push("bundle calls require(): it must not depend on any module");
  if (/\bzod\b/.test(code))
    problems.push("bundle contains zod: import the contract's types with `import type`");
  if (!new RegExp(`\\b${spec.handler}\\b`).test(code))
    problems.push(`bundle does not export ${spec.handler}`);
  return problems;
}

function writeAtomically(path: string, text: string): void {
  const temporary = `${path}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`;
  writeFileSync(temporary, text);
  renameSync(temporary, path);
}

/** Builds one Action and writes it atomically (tests and the CLI may build at the same time). */
export async function buildActionBundle(
  spec: ActionSpec,
  outfile: string = spec.bundle,
): Promise<{ path: string; bytes: number }> {
  const code = await bundleAction(spec);
  const problems = bundleProblems(code, spec);
  if (problems.length) {
    throw new Error(`${spec.trigger} Action bundle rejected: ${problems.join("; ")}`);
  }
  mkdirSync(dirname(outfile), { recursive: true });
  // The workspace is ESM; this marks the bundle next to it as CommonJS for Node.
  writeAtomically(join(dirname(outfile), "package.json"), '{ "type": "commonjs" }\n');
  writeAtomically(outfile, code);
  return { path: outfile, bytes: Buffer.byteLength(code) };
}

/** The phone Action (what auth0:setup and the phone tests build). */
export function buildAction(
  outfile: string = ACTION_BUNDLE,
): Promise<{ path: string; bytes: number }> {
  return buildActionBundle(PHONE_ACTION, outfile);
}

export function buildEmailAction(
  outfile: string = EMAIL_ACTION_BUNDLE,
): Promise<{ path: string; bytes: number }> {
  return buildActionBundle(EMAIL_ACTION, outfile);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  Promise.all([buildAction(), buildEmailAction()]).then(
    (built) => {
      for (const { path, bytes } of built) {
        console.log(`Action built: ${path} (${(bytes / 1024).toFixed(1)} kB)`);
      }
    },
    (error: unknown) => {
      console.error(error instanceof Error ? error.message : String(error));
      process.exitCode = 1;
    },
  );
}
