// `npm run -s wait-for-code -- <email | label | +number> [--url <inbox>] …`
// Blocks until a one-time code for that person or number arrives and prints
// only the code, so `CODE=$(npm run -s wait-for-code -- owner@atko.email)`
// works in a login test; with --channel email an email's code, with --link its
// main link (a verification or magic link). Through the codes API with a read token (HTTP mode),
// or on Firestore directly with the Admin SDK (local mode); both ask the same
// question: the function's own query and expiry rule.
import { existsSync, readFileSync } from "node:fs";
import {
  type AuthenticatorCodeAnswer,
  authenticatorCode,
  CodeTimeoutError,
  InboxApiError,
  type LatestCodeAnswer,
  latestCode,
  waitForCode,
} from "@sms-inbox/inbox-client";
import {
  authenticatorCodeAnswer,
  holdBeforeAnswerMs,
  keyOf,
} from "functions/authenticator/answers";
import { firestoreAuthenticators } from "functions/authenticator/firestore-authenticators";
import { authenticatorKeyFor } from "functions/authenticator/person";
import { instantFromMillis, newestLive, toAnswer } from "functions/codes-api/answer";
import type { CodeFilter, Instant } from "functions/codes-api/code-finder";
import { firestoreCodeFinder } from "functions/codes-api/firestore-code-finder";
import { defaultSelection } from "functions/codes-api/selection";
import { ownerName } from "functions/contract/label";
import { type Command, isEntryPoint, type Output, runCommand, UsageError } from "../cli/command.js";
import { EXIT } from "../cli/exit-codes.js";
import { READ_TOKEN_KEY, readDotenvValue } from "../cli/local-secrets.js";
import { LOCAL_SECRETS_PATH } from "../cli/repo-facts.js";
import { describeFirestoreTarget, openFirestore } from "../firestore/connect.js";
import { parseWaitArgs, WAIT_USAGE, type WaitPlan } from "./wait-for-code-args.js";
import { printedAnswer } from "./wait-for-code-output.js";

const localReadToken = () =>
  existsSync(LOCAL_SECRETS_PATH)
    ? readDotenvValue(readFileSync(LOCAL_SECRETS_PATH, "utf8"), READ_TOKEN_KEY)
        ?.split(",")[0]
        ?.trim()
    : undefined;

class TimedOut extends Error {}

/** On stderr once the wait has begun: a code delivered from now on is the one printed. */
const waitingLine = (plan: WaitPlan, where: string) =>
  `Waiting up to ${plan.timeoutMs / 1000} s for ${plan.channel === "email" ? "an email" : "a code"} for ${plan.asked} (${where}) …`;

const nothingLine = (plan: WaitPlan) =>
  `No ${plan.channel === "email" ? "email" : "code"} for ${plan.asked} within ${plan.timeoutMs / 1000} s`;

async function overHttp(
  plan: WaitPlan & { source: { kind: "http" } },
  output: Output,
): Promise<LatestCodeAnswer> {
  const { baseUrl, token } = plan.source;
  const whose =
    plan.target.kind === "user"
      ? { user: plan.target.user }
      : { recipient: plan.target.phoneNumber };
  const common = {
    baseUrl,
    token,
    ...whose,
    ...(plan.channel ? { channel: plan.channel } : {}),
    ...(plan.types ? { type: plan.types } : {}),
  };
  // The newest code there now is the cursor: only a newer one answers, on the
  // inbox's clock, so this machine's clock does not matter.
  const bound =
    plan.sinceSeconds === undefined
      ? { after: (await latestCode(common))?.id }
      : { since: Date.now() - plan.sinceSeconds * 1000 };
  output.err(waitingLine(plan, baseUrl));
  try {
    return await waitForCode({ ...common, ...bound, timeoutMs: plan.timeoutMs });
  } catch (error) {
    if (error instanceof CodeTimeoutError)
      throw new TimedOut(`${nothingLine(plan)} (asked ${baseUrl}).`);
    throw error;
  }
}

async function onFirestore(
  plan: WaitPlan,
  env: NodeJS.ProcessEnv,
  output: Output,
): Promise<LatestCodeAnswer> {
  const { db, target: where } = await openFirestore(env);
  const finder = firestoreCodeFinder(db);
  // The API's own defaults for what a channel selects, so both modes agree.
  const selection = defaultSelection(plan.channel);
  const filter: CodeFilter = {
    whose:
      plan.target.kind === "user"
        ? { kind: "user", name: ownerName(plan.target.user) }
        : { kind: "recipient", phoneNumber: plan.target.phoneNumber },
    channels: selection.channels,
    types: plan.types ?? selection.types,
  };
  let receivedAfter: Instant | undefined;
  if (plan.sinceSeconds === undefined) {
    const newest = newestLive(await finder.newest(filter), Date.now());
    receivedAfter = newest ? await finder.receivedAtOf(newest.id) : undefined;
  } else {
    receivedAfter = instantFromMillis(Date.now() - plan.sinceSeconds * 1000);
  }
  output.err(waitingLine(plan, describeFirestoreTarget(where)));
  return new Promise<LatestCodeAnswer>((resolve, reject) => {
    const timer = setTimeout(() => {
      stop();
      reject(new TimedOut(`${nothingLine(plan)} (watching ${describeFirestoreTarget(where)}).`));
    }, plan.timeoutMs);
    const stop = finder.watch(
      { ...filter, ...(receivedAfter ? { receivedAfter } : {}) },
      (codes) => {
        const live = newestLive(codes, Date.now());
        if (!live) return;
        clearTimeout(timer);
        stop();
        resolve(toAnswer(live));
      },
      (error) => {
        clearTimeout(timer);
        reject(new Error(`Listening failed: ${error.message}`));
      },
    );
  });
}

/**
 * --channel authenticator: through the codes API, or in local mode computed
 * here from the secret in Firestore with the function's own modules, so both
 * modes answer the same code and hold it to the next step the same way.
 */
async function authenticatorAnswer(
  plan: WaitPlan & { authenticator: { minValidSeconds: number } },
  env: NodeJS.ProcessEnv,
): Promise<AuthenticatorCodeAnswer> {
  const { minValidSeconds } = plan.authenticator;
  const user = plan.target.kind === "user" ? plan.target.user : plan.asked;
  if (plan.source.kind === "http") {
    const { baseUrl, token } = plan.source;
    try {
      return await authenticatorCode({
        baseUrl,
        token,
        user,
        minValidSeconds,
        timeoutMs: plan.timeoutMs,
      });
    } catch (error) {
      if (error instanceof CodeTimeoutError)
        throw new TimedOut(`${error.message} (asked ${baseUrl}).`);
      throw error;
    }
  }
  const { db } = await openFirestore(env);
  const record = await firestoreAuthenticators(db).one(authenticatorKeyFor(user));
  const key = record && keyOf(record);
  if (!record || !key)
    throw new NoAuthenticator(
      record
        ? `The authenticator stored for ${plan.asked} is not a valid secret: add it again with npm run authenticator:add -- --replace.`
        : `The inbox holds no authenticator for ${plan.asked}: add one with npm run authenticator:add.`,
    );
  const askedAt = Date.now();
  const hold = holdBeforeAnswerMs(askedAt, minValidSeconds);
  if (hold > 0) await new Promise((resolve) => setTimeout(resolve, hold));
  return authenticatorCodeAnswer(record.label, key, Math.max(Date.now(), askedAt + hold));
}

class NoAuthenticator extends Error {}

export const waitForCodeCommand: Command = async (argv, { env, output }) => {
  let plan: WaitPlan | null;
  try {
    plan = parseWaitArgs(argv, env, localReadToken);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    output.err(`✖ ${error.message}`);
    return EXIT.usage;
  }
  if (!plan) {
    output.err(WAIT_USAGE);
    return EXIT.ok;
  }
  try {
    if (plan.authenticator) {
      const answer = await authenticatorAnswer({ ...plan, authenticator: plan.authenticator }, env);
      output.out(plan.json ? JSON.stringify(answer) : answer.code);
      return EXIT.ok;
    }
    const answer =
      plan.source.kind === "http"
        ? await overHttp({ ...plan, source: plan.source }, output)
        : await onFirestore(plan, env, output);
    const printed = printedAnswer(answer, plan);
    if (!printed.ok) {
      output.err(`✖ ${printed.message}`);
      return EXIT.failed;
    }
    output.out(printed.text);
    return EXIT.ok;
  } catch (error) {
    if (error instanceof NoAuthenticator) {
      output.err(`✖ ${error.message}`);
      return EXIT.failed;
    }
    if (error instanceof TimedOut) {
      output.err(`✖ ${error.message}`);
      return EXIT.timedOut;
    }
    if (error instanceof InboxApiError) {
      output.err(`✖ The inbox refused (${error.status} ${error.code}): ${error.message}`);
      return error.code === "invalid_parameter" ? EXIT.usage : EXIT.failed;
    }
    throw error;
  }
};

if (isEntryPoint(import.meta.url)) {
  runCommand(waitForCodeCommand, undefined, { exitWhenDone: true });
}
