// What every command shares: argument parsing with clear usage errors, an
// output sink tests can capture, and a runner that turns any failure into one
// line and an exit code from the one table. How an error is worded is the
// command's business (Auth0's errors read differently from Firestore's), so
// each passes its own describer.
import { realpathSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { type ParseArgsConfig, parseArgs } from "node:util";
import { EXIT } from "./exit-codes.js";

/** A problem the user fixes by changing configuration or arguments: printed without a stack. */
export class UsageError extends Error {
  override name = "UsageError";
}

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

/** Turns an error into the one line the user reads. */
export type DescribeError = (error: unknown) => string;

export const describePlainError: DescribeError = (error) =>
  error instanceof Error ? error.message : String(error);

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

/**
 * Runs a command body; any error becomes one `✖` line and EXIT.failed. The
 * Auth0 commands and send-code count a bad setting as a failure too (a missing
 * AUTH0_DOMAIN is not a typo on the command line); argument errors that stop a
 * command before it starts use EXIT.usage where the command says so.
 */
export async function guarded(
  output: Output,
  body: () => Promise<number>,
  describe: DescribeError = describePlainError,
): Promise<number> {
  try {
    return await body();
  } catch (error) {
    output.err(`✖ ${describe(error)}`);
    return EXIT.failed;
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

/**
 * `exitWhenDone` ends the process with the command's exit code at once: for
 * commands whose clients (a Firestore listener, an HTTP agent) would keep
 * node running after the answer is printed.
 */
export function runCommand(
  command: Command,
  describe: DescribeError = describePlainError,
  options: { exitWhenDone?: boolean } = {},
): void {
  const done = (code: number) => {
    process.exitCode = code;
    if (options.exitWhenDone) process.exit(code);
  };
  command(process.argv.slice(2), { env: process.env, output: consoleOutput }).then(
    done,
    (error: unknown) => {
      console.error(`✖ ${describe(error)}`);
      done(EXIT.failed);
    },
  );
}
