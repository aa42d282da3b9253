// `npm run test:in-memory`: the stack tests that concern the in-memory
// Firestore and its gateway, run again on it, so the fallback that machines
// without Google's emulator use (Debian 13, say) never rots. Where the main run
// already used the in-memory Firestore, there is nothing to repeat.
import { spawnSync } from "node:child_process";
import { chooseFirestore } from "./firestore-choice.js";
import { probeFirestore } from "./firestore-probe.js";

const FILES = [
  "functions/test/webhook.stack.test.ts",
  "web/test/inbox.stack.test.ts",
  "web/test/healing.stack.test.ts",
  "web/test/auth.stack.test.ts",
  "web/test/refusals.stack.test.ts",
  "scripts/operator/codes/wait-for-code.stack.test.ts",
  "functions/test/codes-api.stack.test.ts",
];

const main = chooseFirestore(await probeFirestore());
if (main.kind === "in-memory") {
  console.log(
    "test:in-memory: the main run already used the in-memory Firestore; nothing to repeat.",
  );
  process.exit(0);
}
console.log(`test:in-memory: ${FILES.length} stack test files again, on the in-memory Firestore`);
const run = spawnSync("npx", ["vitest", "run", "--project", "stack", ...FILES], {
  stdio: "inherit",
  env: { ...process.env, SMS_INBOX_FIRESTORE: "in-memory" },
});
process.exit(run.status ?? 1);
