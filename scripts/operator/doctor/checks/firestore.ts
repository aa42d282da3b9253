// Firestore as anyone on the internet meets it: no sign-in, the REST API with
// the project's web API key (the emulator's own address locally). The rules
// must refuse the codes, the labels and the allow-list; config/public is
// readable (the page's banner) and says whether public mode is on, which is a
// failure unless --allow-public says it is on purpose.
import {
  ACCESS_DOC_ID,
  COLLECTIONS,
  PUBLIC_MODE_DOC_ID,
} from "functions/contract/firestore-schema";
import { type Check, type CheckContext, fail, pass, skip, type Verdict } from "../check.js";
import { type HttpAnswer, jsonOf } from "../http.js";
import type { FirestoreRest } from "../target.js";

const RULES_FIX = "deploy this repository's rules: npm run deploy -- --only firestore";

interface RestError {
  error?: { status?: string; message?: string };
}

const restError = (answer: HttpAnswer) => (jsonOf(answer) as RestError | undefined)?.error;

/** An answer that is not about the rules at all: no database, no API, nothing there. */
function notAboutRules(answer: HttpAnswer): Verdict | undefined {
  const error = restError(answer);
  if (answer.status === 0)
    return fail(
      `Firestore did not answer (${answer.error ?? "no connection"})`,
      "check the network; for the local stack, start it with npm start",
    );
  if (answer.status === 404 && /database .*does not exist/i.test(error?.message ?? ""))
    return fail(
      "the project has no Firestore database",
      "create it: Firebase console → Firestore Database → Create database (Native mode)",
    );
  if (answer.status === 403 && /has not been used|is disabled|API key/i.test(error?.message ?? ""))
    return fail(
      `Firestore refused the request before the rules: ${error?.message}`,
      "enable the Cloud Firestore API for the project, and check the web API key",
    );
  if (answer.status === 400 && /API key/i.test(error?.message ?? ""))
    return fail(
      "the web API key is not valid for this project",
      "pass the web app's apiKey with --api-key",
    );
  return undefined;
}

const refused = (answer: HttpAnswer) =>
  answer.status === 403 && restError(answer)?.status === "PERMISSION_DENIED";

const url = (firestore: FirestoreRest, path: string, query = "") => {
  const params = new URLSearchParams(query);
  if (firestore.apiKey) params.set("key", firestore.apiKey);
  const search = params.toString();
  return `${firestore.documentsUrl}/${path}${search ? `?${search}` : ""}`;
};

export function judgePublicMode(answer: HttpAnswer): Verdict | { on: boolean } {
  const broken = notAboutRules(answer);
  if (broken) return broken;
  if (answer.status === 404) return { on: false };
  if (answer.status === 200) {
    const fields = (
      jsonOf(answer) as { fields?: { enabled?: { booleanValue?: unknown } } } | undefined
    )?.fields;
    return { on: fields?.enabled?.booleanValue === true };
  }
  return fail(
    `config/public answered ${answer.status}: the page cannot tell whether public mode is on`,
    RULES_FIX,
  );
}

async function publicMode(context: CheckContext, firestore: FirestoreRest) {
  context.facts.publicMode ??= judgePublicMode(
    await context.http({ url: url(firestore, `${COLLECTIONS.config}/${PUBLIC_MODE_DOC_ID}`) }),
  );
  return context.facts.publicMode;
}

export function judgeReads(
  reads: { what: string; answer: HttpAnswer; publicWhenOn: boolean }[],
  publicOn: boolean,
): Verdict {
  const open: string[] = [];
  const odd: string[] = [];
  for (const { what, answer, publicWhenOn } of reads) {
    const broken = notAboutRules(answer);
    if (broken) return broken;
    if (refused(answer)) continue;
    if (answer.status === 200 && publicOn && publicWhenOn) continue;
    if (answer.status === 200) open.push(what);
    else odd.push(`${what}: ${answer.status}`);
  }
  if (open.length > 0)
    return fail(
      `readable without signing in: ${open.join(", ")}`,
      `${RULES_FIX} (locally: the in-memory Firestore evaluates no rules; use Google's emulator)`,
    );
  if (odd.length > 0) return fail(`unexpected answers (${odd.join("; ")})`, RULES_FIX);
  return pass(
    publicOn
      ? `config/access refused; codes and labels open, as public mode says`
      : "otpCodes, phoneLabels and config/access all refused",
  );
}

export const publicModeCheck: Check = {
  name: "public mode is off",
  async run(context) {
    const { firestore } = context.target;
    if ("unknown" in firestore) return skip(firestore.unknown);
    const mode = await publicMode(context, firestore);
    if ("status" in mode) return mode;
    if (!mode.on) return pass();
    if (context.allowPublic) return pass("ON, allowed by --allow-public");
    return fail(
      "public mode is ON: anyone with the inbox URL reads every code, signed in or not",
      "npm run access -- public off (or pass --allow-public if it is on on purpose)",
    );
  },
};

export const closedRulesCheck: Check = {
  name: "Firestore refuses readers who are not signed in",
  async run(context) {
    const { firestore } = context.target;
    if ("unknown" in firestore) return skip(firestore.unknown);
    const mode = await publicMode(context, firestore);
    const publicOn = !("status" in mode) && mode.on;
    const reads = [
      { what: COLLECTIONS.codes, path: COLLECTIONS.codes, query: "pageSize=1", publicWhenOn: true },
      {
        what: COLLECTIONS.phoneLabels,
        path: COLLECTIONS.phoneLabels,
        query: "pageSize=1",
        publicWhenOn: true,
      },
      {
        what: `${COLLECTIONS.config}/${ACCESS_DOC_ID}`,
        path: `${COLLECTIONS.config}/${ACCESS_DOC_ID}`,
        query: "",
        publicWhenOn: false,
      },
    ];
    const answers = await Promise.all(
      reads.map(async (read) => ({
        ...read,
        answer: await context.http({ url: url(firestore, read.path, read.query) }),
      })),
    );
    return judgeReads(answers, publicOn);
  },
};
