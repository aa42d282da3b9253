// What the Auth0 commands share: argument parsing with clear errors, an
// output sink tests can capture, and a runner that turns any failure into one
// line and an exit code.
import { realpathSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { type ParseArgsConfig, parseArgs } from "node:util";
import { describeAuth0Error } from "./auth0-errors.js";
import { UsageError } from "./config.js";

export interface Output {
  out(line: string): void;
  err(line: string): void;
}

export const consoleOutput: Output = {
  out: (line) => console.log(line),
  err: (line) => console.error(line),
};

export interface CommandContext {
  env: NodeJS.ProcessEnv;
  output: Output;
}

export type Command = (argv: string[], context: CommandContext) => Promise<number>;

type Options = NonNullable<ParseArgsConfig["options"]>;

export function parseCommandLine<T extends Options>(
  argv: string[],
  options: T,
  usage: string,
  allowPositionals = false,
) {
  try {
    return parseArgs({ args: argv, options, allowPositionals, strict: true });
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    throw new UsageError(`${message}\n${usage}`);
  }
}

/** Runs a command body; any error becomes one `✖` line and exit code 1. */
export async function guarded(output: Output, body: () => Promise<number>): Promise<number> {
  try {
    return await body();
  } catch (error) {
    output.err(`✖ ${describeAuth0Error(error)}`);
    return 1;
  }
}

/** True when `moduleUrl` is the script node was started with (tsx resolves symlinks). */
export function isEntryPoint(moduleUrl: string): boolean {
  const started = process.argv[1];
  if (!started) return false;
  try {
    return realpathSync(started) === realpathSync(fileURLToPath(moduleUrl));
  } catch {
    return false;
  }
}

export function runCommand(command: Command): void {
  command(process.argv.slice(2), { env: process.env, output: consoleOutput }).then(
    (code) => {
      process.exitCode = code;
    },
    (error: unknown) => {
      console.error(`✖ ${describeAuth0Error(error)}`);
      process.exitCode = 1;
    },
  );
}
