// `npm start`: runs the inbox locally with demo data until Ctrl-C or SIGTERM.
import { createWriteStream, mkdirSync } from "node:fs";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { REPO_ROOT } from "@sms-inbox/operator/cli/repo-facts";
import { seedDemoData } from "./seed.js";
import { processEnvFor, startStack } from "./stack.js";

const { values: flags } = parseArgs({
  options: {
    empty: { type: "boolean", default: false },
    help: { type: "boolean", short: "h", default: false },
  },
});

if (flags.help) {
  console.log(`Usage: npm start [-- --empty]

Builds nothing itself (npm start builds first), then runs the local stack:
Hosting, Functions, Auth and Firestore emulators under project demo-sms-inbox.
  --empty   start without demo labels and the local presenter account
Ports come from firebase.json; override one with SMS_INBOX_<NAME>_PORT
(HOSTING, FUNCTIONS, FIRESTORE, AUTH, HUB, LOGGING), e.g. SMS_INBOX_HOSTING_PORT=5050.
Force a Firestore with SMS_INBOX_FIRESTORE=google or SMS_INBOX_FIRESTORE=in-memory.`);
  process.exit(0);
}

// Emulator warnings and function errors matter to whoever watches the console;
// the offline MOTD fetch failure and routine request logs do not.
const worthShowing = (line: string) =>
  (/⚠|✖|\bError\b|"severity":"(WARNING|ERROR|CRITICAL)"/.test(line) && !/CLI MOTD/.test(line)) ||
  /firestore\.rules changed/.test(line);

const logDir = join(REPO_ROOT, ".local-stack");
mkdirSync(logDir, { recursive: true });
const logPath = join(logDir, "emulators.log");
const log = createWriteStream(logPath);

console.log("Starting the local stack (emulators log: .local-stack/emulators.log) …");
const started = Date.now();
let stack: Awaited<ReturnType<typeof startStack>>;
try {
  stack = await startStack({
    onEmulatorLine: (line) => {
      log.write(`${line}\n`);
      if (worthShowing(line)) console.log(`  [emulators] ${line}`);
    },
  });
} catch (error) {
  console.error(`\n✖ ${error instanceof Error ? error.message : String(error)}`);
  console.error(`  See .local-stack/emulators.log for the emulators' output.`);
  process.exit(1);
}
Object.assign(process.env, processEnvFor(stack));

const seeded = flags.empty ? undefined : await seedDemoData(stack.env);

const { env } = stack;
console.log(`
✔ Shared SMS Inbox is running locally (ready in ${((Date.now() - started) / 1000).toFixed(1)} s)

  Inbox          ${env.inboxUrl}
  Webhook        ${env.webhookUrl}   (also ${env.functionUrl})
  Webhook secret ${env.webhookSecret}   (functions/.secret.local)
  Codes API      ${env.codesApiUrl}   (also ${env.codesFunctionUrl})
  Read token     ${env.readToken}   (functions/.secret.local)
  Firestore      ${stack.firestore.reason}
${seeded ? seeded.summary : "  Started empty (--empty): no demo labels, no local account."}

  Send a code:   npm run send-code -- --to +61400000001
  Wait for one:  npm run -s wait-for-code -- +61400000001 --url ${env.inboxUrl}
                 (or curl -H "Authorization: Bearer ${env.readToken}" "${env.codesApiUrl}?recipient=%2B61400000001&wait=30")
  Stop:          Ctrl-C
`);

let stopping = false;
async function shutdown(signal: string, exitCode: number) {
  if (stopping) return;
  stopping = true;
  console.log(`\n${signal}: stopping the local stack …`);
  await stack.stop();
  log.end();
  console.log("Stopped.");
  process.exit(exitCode);
}
void stack.emulatorsExited.then(() => {
  if (!stopping) {
    console.error("\n✖ The Firebase emulators exited unexpectedly: see .local-stack/emulators.log");
    void shutdown("emulators exited", 1);
  }
});
process.on("SIGINT", () => void shutdown("SIGINT", 0));
process.on("SIGTERM", () => void shutdown("SIGTERM", 0));
