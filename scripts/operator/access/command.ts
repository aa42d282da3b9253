// `npm run access -- <command>` parsed into data, apart from any I/O so every
// way of getting it wrong is tested.
import { parseArgs } from "node:util";
import { type AccessEntry, AccessInputError, parseAccessEntry } from "./access-list.js";

export type AccessCommand =
  | { action: "add"; entries: AccessEntry[] }
  | { action: "remove"; entries: AccessEntry[] }
  | { action: "list" }
  | { action: "public"; enabled: boolean }
  | { action: "help" };

export const USAGE = `Usage: npm run access -- <command>

  add <email|@domain>...     allow an address, or every address at exactly that domain
  remove <email|@domain>...  take entries off the allow-list
  list                       show the allow-list and whether public mode is on
  public on|off              public mode: anyone with the URL reads codes (off by default)

Target: the local stack's Firestore (127.0.0.1:8080, project demo-sms-inbox) unless
FIRESTORE_EMULATOR_HOST points elsewhere; set GOOGLE_CLOUD_PROJECT=<id> without
FIRESTORE_EMULATOR_HOST to change a real project (Application Default Credentials).`;

export function parseAccessCommand(argv: string[]): AccessCommand {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    strict: true,
    options: { help: { type: "boolean", short: "h" } },
  });
  const [action, ...rest] = positionals;
  if (values.help || action === undefined || action === "help") return { action: "help" };

  switch (action) {
    case "add":
    case "remove": {
      if (rest.length === 0) {
        throw new AccessInputError(`"${action}" needs at least one email address or @domain.`);
      }
      return { action, entries: rest.map(parseAccessEntry) };
    }
    case "list": {
      if (rest.length > 0) throw new AccessInputError(`"list" takes no arguments.`);
      return { action };
    }
    case "public": {
      const [setting, ...extra] = rest;
      if ((setting !== "on" && setting !== "off") || extra.length > 0) {
        throw new AccessInputError(`"public" takes exactly "on" or "off".`);
      }
      return { action, enabled: setting === "on" };
    }
    default:
      throw new AccessInputError(`Unknown command "${action}".`);
  }
}
