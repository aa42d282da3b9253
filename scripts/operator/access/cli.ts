// `npm run access -- add alice@example.com | add @example.com | remove … | list | public on|off`
// Changes who may read codes, without a redeploy: the rules read config/access
// and config/public on every request.

import { fileURLToPath } from "node:url";
import type { Firestore } from "firebase-admin/firestore";
import { EXIT } from "../cli/exit-codes.js";
import {
  describeFirestoreTarget,
  localFirestoreHost,
  openFirestore,
  resolveFirestoreTarget,
} from "../firestore/connect.js";
import { addEntries, describeEntry, removeEntries } from "./access-list.js";
import { changeAccess, readAccessState, setPublicMode } from "./access-store.js";
import { type AccessCommand, parseAccessCommand, USAGE } from "./command.js";

function listLines(emails: string[], domains: string[], publicMode: boolean): string[] {
  return [
    `  emails:  ${emails.length > 0 ? emails.join(", ") : "(none)"}`,
    `  domains: ${domains.length > 0 ? domains.map((domain) => `@${domain}`).join(", ") : "(none)"}`,
    publicMode
      ? "  public mode: ON — anyone with the inbox URL reads codes, signed in or not"
      : "  public mode: off",
  ];
}

async function run(
  db: Firestore,
  command: Exclude<AccessCommand, { action: "help" }>,
): Promise<string[]> {
  switch (command.action) {
    case "add":
    case "remove": {
      const apply = command.action === "add" ? addEntries : removeEntries;
      const result = await changeAccess(db, (current) => apply(current, command.entries));
      const state = await readAccessState(db);
      const done = command.action === "add" ? "Added" : "Removed";
      const skipped = command.action === "add" ? "Already on the list" : "Not on the list";
      return [
        ...result.changed.map((entry) => `${done}: ${describeEntry(entry)}`),
        ...result.unchanged.map((entry) => `${skipped}: ${describeEntry(entry)}`),
        "Allow-list now:",
        ...listLines(state.access.emails, state.access.domains, state.publicMode),
      ];
    }
    case "list": {
      const state = await readAccessState(db);
      return [
        "Allow-list:",
        ...listLines(state.access.emails, state.access.domains, state.publicMode),
      ];
    }
    case "public": {
      await setPublicMode(db, command.enabled);
      return command.enabled
        ? [
            "Public mode is ON: anyone who has the inbox URL can read every code and label, without signing in.",
            "The page shows a warning banner. Turn it off with: npm run access -- public off",
          ]
        : ["Public mode is off: only signed-in users on the allow-list read codes."];
    }
  }
}

export async function main(argv: string[], env: NodeJS.ProcessEnv = process.env): Promise<number> {
  let command: AccessCommand;
  try {
    command = parseAccessCommand(argv);
  } catch (error) {
    // AccessInputError, or parseArgs' TypeError for an unknown option.
    console.error(`${(error as Error).message}\n\n${USAGE}`);
    return EXIT.usage;
  }
  if (command.action === "help") {
    console.log(USAGE);
    return 0;
  }

  // Say where before connecting, so a wrong target is visible even if it fails.
  const target = resolveFirestoreTarget(env, localFirestoreHost(env));
  console.log(`Target: ${describeFirestoreTarget(target)}`);
  const { db } = await openFirestore(env, target);
  try {
    for (const line of await run(db, command)) console.log(line);
    return 0;
  } finally {
    await db.terminate();
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  main(process.argv.slice(2)).then(
    (code) => {
      process.exitCode = code;
    },
    (error: unknown) => {
      console.error(`access: ${error instanceof Error ? error.message : String(error)}`);
      process.exitCode = 1;
    },
  );
}
