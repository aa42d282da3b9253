// `npm run wait-for-code -- <email | label | +number> [--timeout 30] [--since 0] [--json]`
// Blocks until a one-time code for that person or number arrives, prints it
// (only the code, so `CODE=$(npm run -s wait-for-code -- owner@atko.email)`
// works in a login test) and exits 0; exits 2 on timeout.

import { parseArgs } from "node:util";
import { Timestamp } from "firebase-admin/firestore";
import { COLLECTIONS, type StoredCode } from "functions/contract/firestore-schema";
import { EXIT } from "../cli/exit-codes.js";
import { describeFirestoreTarget, openFirestore } from "../firestore/connect.js";
import { readPhoneLabels } from "../firestore/phone-labels.js";
import { codeMatches, parseTarget, type TargetPerson, targetPerson } from "./code-target.js";

const USAGE = `Usage: npm run -s wait-for-code -- <email | label | +E.164 number> [options]
  --timeout <s>   give up after this many seconds (default 30); exit code 2
  --since <s>     also accept codes received up to this many seconds ago (default 0: only new ones)
  --json          print the whole code document as JSON instead of the bare code`;

function fail(message: string, exitCode: number): never {
  console.error(message);
  process.exit(exitCode);
}

let parsed: ReturnType<typeof parse>;
function parse() {
  return parseArgs({
    allowPositionals: true,
    options: {
      timeout: { type: "string", default: "30" },
      since: { type: "string", default: "0" },
      json: { type: "boolean", default: false },
      help: { type: "boolean", short: "h", default: false },
    },
  });
}
try {
  parsed = parse();
} catch (error) {
  fail(`${error instanceof Error ? error.message : String(error)}\n${USAGE}`, EXIT.usage);
}
const { values, positionals } = parsed;
if (values.help) fail(USAGE, 0);
const timeoutSeconds = Number(values.timeout);
const sinceSeconds = Number(values.since);
if (positionals.length !== 1 || !(timeoutSeconds > 0) || !(sinceSeconds >= 0))
  fail(USAGE, EXIT.usage);

let target: ReturnType<typeof parseTarget>;
try {
  target = parseTarget(positionals[0] ?? "");
} catch (error) {
  fail(error instanceof Error ? error.message : String(error), EXIT.usage);
}

const { db, target: where } = await openFirestore().catch((error: Error) =>
  fail(error.message, EXIT.failed),
);
const who: TargetPerson | undefined =
  target.kind === "user" ? targetPerson(target, await readPhoneLabels(db)) : undefined;

const since = Timestamp.fromMillis(Date.now() - sinceSeconds * 1000);
const timer = setTimeout(
  () =>
    fail(
      `No code for ${positionals[0]} within ${timeoutSeconds} s (watching ${describeFirestoreTarget(where)}).`,
      EXIT.timedOut,
    ),
  timeoutSeconds * 1000,
);
const unsubscribe = db
  .collection(COLLECTIONS.codes)
  .where("receivedAt", ">=", since)
  .orderBy("receivedAt", "desc")
  .onSnapshot(
    (snapshot) => {
      const match = snapshot.docs
        .map((doc) => ({ id: doc.id, ...(doc.data() as StoredCode<Timestamp>) }))
        .find((code) => codeMatches(code, target, who));
      if (!match) return;
      clearTimeout(timer);
      unsubscribe();
      console.log(
        values.json
          ? JSON.stringify({
              ...match,
              receivedAt: match.receivedAt.toDate().toISOString(),
              expireAt: match.expireAt.toDate().toISOString(),
            })
          : match.code,
      );
      process.exit(0);
    },
    (error) => fail(`Listening failed: ${error.message}`, EXIT.failed),
  );
