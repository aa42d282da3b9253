// `npm run authenticator -- add | remove | list` parsed into data, apart from
// any I/O, so every way of getting it wrong is tested. The secret itself is
// read and checked later (cli.ts): here only where it comes from.
import { type AuthenticatorPerson, authenticatorPerson } from "functions/authenticator/person";
import { parseCommandLine, UsageError } from "../cli/command.js";

export const USAGE = `Usage: npm run authenticator -- <command>   (or authenticator:add, :remove, :list)

  add <email|label> --stdin             store a demo user's authenticator (TOTP) secret, read
                                        from standard input: the otpauth:// URI of Auth0's
                                        enrolment QR, or its base32 key
  add <email|label> --env <NAME>        … read from the environment variable NAME
  add <email|label> <URI | key>         … given on the command line (kept in shell history:
                                        prefer --stdin or --env)
      --replace                         replace the authenticator the user already has
  remove <email|label>                  delete a user's authenticator (metadata and secret)
  list                                  who has one; never prints a secret or a code

Example: printf %s "$OTPAUTH_URI" | npm run -s authenticator:add -- alice@example.com --stdin

Target: the local stack's Firestore (127.0.0.1:8080, project demo-sms-inbox) unless
FIRESTORE_EMULATOR_HOST points elsewhere; set GOOGLE_CLOUD_PROJECT=<id> without
FIRESTORE_EMULATOR_HOST to change a real project (Application Default Credentials).
Exit codes: 0 done, 1 refused or failed, 64 usage error (nothing was stored).`;

export type SecretSource =
  | { kind: "argument"; value: string }
  | { kind: "stdin" }
  | { kind: "env"; name: string };

export type AuthenticatorCommand =
  | { action: "add"; person: AuthenticatorPerson; source: SecretSource; replace: boolean }
  | { action: "remove"; person: AuthenticatorPerson }
  | { action: "list" }
  | { action: "help" };

const OPTIONS = {
  stdin: { type: "boolean", default: false },
  env: { type: "string" },
  replace: { type: "boolean", default: false },
  help: { type: "boolean", short: "h", default: false },
} as const;

const usage = (message: string) => new UsageError(`${message}\n\n${USAGE}`);

function person(value: string | undefined, action: string): AuthenticatorPerson {
  if (value === undefined) throw usage(`"${action}" needs the demo user's email or label.`);
  const parsed = authenticatorPerson(value);
  if (!parsed.ok) throw usage(`The user ${parsed.message}.`);
  return parsed.person;
}

export function parseAuthenticatorCommand(argv: string[]): AuthenticatorCommand {
  const { values, positionals } = parseCommandLine(argv, OPTIONS, USAGE, true);
  const [action, ...rest] = positionals;
  if (values.help || action === undefined || action === "help") return { action: "help" };

  const addOnly = values.stdin || values.env !== undefined || values.replace;
  if (action !== "add" && addOnly)
    throw usage(`--stdin, --env and --replace belong to "add", not "${action}".`);

  switch (action) {
    case "add": {
      const [who, secret, ...extra] = rest;
      if (extra.length > 0) throw usage(`"add" takes a user and at most one secret.`);
      const chosen = [secret !== undefined, values.stdin, values.env !== undefined].filter(Boolean);
      if (chosen.length !== 1)
        throw usage(
          chosen.length === 0
            ? `"add" needs the secret: pass --stdin (or --env <NAME>) and give it the otpauth:// URI or base32 key.`
            : `Give the secret one way: as an argument, with --stdin, or with --env <NAME>.`,
        );
      if (values.env !== undefined && !/^[A-Za-z_][A-Za-z0-9_]*$/.test(values.env))
        throw usage(`--env takes the name of an environment variable, not its value.`);
      const source: SecretSource =
        secret !== undefined
          ? { kind: "argument", value: secret }
          : values.env !== undefined
            ? { kind: "env", name: values.env }
            : { kind: "stdin" };
      return { action, person: person(who, action), source, replace: values.replace };
    }
    case "remove": {
      if (rest.length > 1) throw usage(`"remove" takes one user.`);
      return { action, person: person(rest[0], action) };
    }
    case "list": {
      if (rest.length > 0) throw usage(`"list" takes no arguments.`);
      return { action };
    }
    default:
      throw usage(`Unknown command "${action}": use add, remove or list.`);
  }
}
