// `npm run access -- add alice@example.com | add @example.com | remove … | list | public on|off`
// Changes who may read codes, without a redeploy: the rules read config/access
// and config/public on every request.
import { readFileSync } from "node:fs";
import { connect } from "node:net";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import type { Firestore } from "firebase-admin/firestore";
import { adminFirestore } from "../firestore/admin.js";
import { resolvePorts } from "../local-stack/ports.js";
import { addEntries, describeEntry, removeEntries } from "./access-list.js";
import { changeAccess, readAccessState, setPublicMode } from "./access-store.js";
import { type AccessCommand, parseAccessCommand, USAGE } from "./command.js";
import { type AccessTarget, describeAccessTarget, resolveAccessTarget } from "./target.js";

const REPO_ROOT = join(dirname(fileURLToPath(import.meta.url)), "..", "..");

/** The local stack's Firestore, from firebase.json (and SMS_INBOX_FIRESTORE_PORT). */
function localFirestoreHost(env: NodeJS.ProcessEnv): string {
  const config = JSON.parse(readFileSync(join(REPO_ROOT, "firebase.json"), "utf8")) as {
    emulators: Record<string, unknown>;
  };
  const firestore = config.emulators.firestore as { host?: string } | undefined;
  return `${firestore?.host ?? "127.0.0.1"}:${resolvePorts(config.emulators, env).firestore}`;
}

/** Fails fast with advice instead of letting the SDK retry against a closed port. */
function assertReachable(host: string): Promise<void> {
  const separator = host.lastIndexOf(":");
  return new Promise((resolve, reject) => {
    const socket = connect({
      host: host.slice(0, separator),
      port: Number(host.slice(separator + 1)),
      timeout: 3_000,
    });
    const fail = () => {
      socket.destroy();
      reject(
        new Error(
          `Nothing answers at ${host}. Start the local stack first (npm start), ` +
            "or set GOOGLE_CLOUD_PROJECT=<id> (and unset FIRESTORE_EMULATOR_HOST) to change a real project.",
        ),
      );
    };
    socket.once("connect", () => {
      socket.end();
      resolve();
    });
    socket.once("timeout", fail);
    socket.once("error", fail);
  });
}

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
    return 2;
  }
  if (command.action === "help") {
    console.log(USAGE);
    return 0;
  }

  const target: AccessTarget = resolveAccessTarget(env, localFirestoreHost(env));
  console.log(`Target: ${describeAccessTarget(target)}`);
  if (target.kind === "emulator") {
    await assertReachable(target.host);
    // firebase-admin picks the emulator up from the environment.
    process.env.FIRESTORE_EMULATOR_HOST = target.host;
  }
  const db = adminFirestore(target.projectId);
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
