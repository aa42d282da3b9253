// `npm run authenticator -- add | remove | list`: a demo user's authenticator
// (TOTP) secret, added by hand, e.g. captured from the otpauth:// URI of the
// QR a presenter scanned in Universal Login. The inbox then computes that
// user's codes (the codes API's channel=authenticator, the page's endpoint).
// The secret is checked before anything is written and is never printed.
import { createInterface } from "node:readline";
import {
  type ParsedSecret,
  parseAuthenticatorSecret,
  SecretError,
} from "functions/authenticator/secret";
import {
  type Command,
  type CommandContext,
  guarded,
  isEntryPoint,
  runCommand,
  UsageError,
} from "../cli/command.js";
import { EXIT } from "../cli/exit-codes.js";
import {
  describeFirestoreTarget,
  localFirestoreHost,
  openFirestore,
  resolveFirestoreTarget,
} from "../firestore/connect.js";
import {
  AuthenticatorExistsError,
  addedByHand,
  type ListedAuthenticator,
  listAuthenticators,
  removeAuthenticator,
  writeAuthenticator,
} from "./authenticator-store.js";
import {
  type AuthenticatorCommand,
  parseAuthenticatorCommand,
  type SecretSource,
  USAGE,
} from "./command.js";

/**
 * The first line of standard input: piped (`printf %s "$URI" | …`) or pasted
 * at a prompt and ended with Enter, without waiting for the end of input.
 */
function readStandardInput(): Promise<string> {
  if (process.stdin.isTTY)
    process.stderr.write("Paste the otpauth:// URI or the base32 key, then press Enter: ");
  return new Promise((resolve) => {
    const lines = createInterface({ input: process.stdin, terminal: false });
    let first: string | undefined;
    lines.once("line", (line) => {
      first = line;
      lines.close();
    });
    lines.once("close", () => resolve(first ?? ""));
  });
}

async function secretText(
  source: SecretSource,
  env: NodeJS.ProcessEnv,
  readStdin: () => Promise<string>,
): Promise<string> {
  switch (source.kind) {
    case "argument":
      return source.value;
    case "env": {
      const value = env[source.name];
      if (!value)
        throw new UsageError(`The environment variable ${source.name} is not set or empty.`);
      return value;
    }
    case "stdin":
      // The first line: `echo` and a pasted URI end with a newline.
      return (await readStdin()).split(/\r?\n/)[0] ?? "";
  }
}

const describeListed = (entry: ListedAuthenticator): string =>
  [
    `  ${entry.label}`,
    entry.source === "enrolled"
      ? `enrolled by the inbox (${entry.methodId ?? "no method id"})`
      : entry.source,
    `"${entry.name}"`,
    entry.createdAt ? `since ${new Date(entry.createdAt).toISOString()}` : "",
    entry.hasSecret ? "" : "NO SECRET: no codes; add it again with --replace",
  ]
    .filter(Boolean)
    .join("  ");

export async function authenticatorMain(
  argv: string[],
  { env, output }: CommandContext,
  readStdin: () => Promise<string> = readStandardInput,
): Promise<number> {
  let command: AuthenticatorCommand;
  try {
    command = parseAuthenticatorCommand(argv);
  } catch (error) {
    output.err(error instanceof Error ? error.message : String(error));
    return EXIT.usage;
  }
  if (command.action === "help") {
    output.out(USAGE);
    return EXIT.ok;
  }

  // The secret is read and checked before any connection: bad input stores nothing.
  let secret: ParsedSecret | undefined;
  if (command.action === "add") {
    try {
      secret = parseAuthenticatorSecret(await secretText(command.source, env, readStdin));
    } catch (error) {
      if (!(error instanceof SecretError || error instanceof UsageError)) throw error;
      output.err(`✖ ${error.message} Nothing was stored.`);
      return EXIT.usage;
    }
  }

  return guarded(output, async () => {
    // Say where before connecting, so a wrong target is visible even if it fails.
    const target = resolveFirestoreTarget(env, localFirestoreHost(env));
    output.out(`Target: ${describeFirestoreTarget(target)}`);
    // Not terminated here: the Admin SDK's Firestore is shared within a
    // process (tests call this in-process); the entry point exits when done.
    const { db } = await openFirestore(env, target);
    switch (command.action) {
      case "add": {
        if (!secret) return EXIT.failed;
        const { person } = command;
        try {
          const { replaced } = await writeAuthenticator(db, addedByHand(person, secret), {
            replace: command.replace,
          });
          output.out(
            `${replaced ? "Replaced" : "Added"}: an authenticator for ${person.label} (${person.key}).`,
          );
          if (secret.label || secret.issuer)
            output.out(
              `  From the URI: ${[secret.issuer && `issuer ${secret.issuer}`, secret.label && `label ${secret.label}`].filter(Boolean).join(", ")}: check it is this user's.`,
            );
          return EXIT.ok;
        } catch (error) {
          if (!(error instanceof AuthenticatorExistsError)) throw error;
          output.err(`✖ ${error.message}`);
          return EXIT.failed;
        }
      }
      case "remove": {
        const removed = await removeAuthenticator(db, command.person.key);
        output.out(
          removed
            ? `Removed: the authenticator of ${command.person.label}. Its enrolment at Auth0 stands until you delete it there.`
            : `${command.person.label} has no authenticator in the inbox: nothing to remove.`,
        );
        return EXIT.ok;
      }
      case "list": {
        const all = await listAuthenticators(db);
        output.out(all.length === 0 ? "No authenticators." : "Authenticators:");
        for (const entry of all) output.out(describeListed(entry));
        return EXIT.ok;
      }
    }
  });
}

/** `npm run authenticator:add -- …` runs this with "add" in front. */
export const authenticatorCommand: Command = (argv, context) => authenticatorMain(argv, context);

if (isEntryPoint(import.meta.url))
  runCommand(authenticatorCommand, undefined, { exitWhenDone: true });
