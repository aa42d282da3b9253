// The webhook from the outside: it is there and refuses browsers' methods
// (405 to GET), refuses anyone without the secret (401), and, given the
// secret, stores the doctor's test notice (marked as such, see
// functions/contract/probe) and says its id.
import { randomInt } from "node:crypto";
import { webhookSecret } from "functions/config";
import { IDEMPOTENCY_HEADER } from "functions/contract/notification";
import { isProbe, probeNotice } from "functions/contract/probe";
import { type Check, fail, pass, skip, type Verdict } from "../check.js";
import { type HttpAnswer, type HttpRequest, jsonOf } from "../http.js";

const ORG_POLICY_FIX =
  "the function is not open to the internet: an organisation policy that forbids allUsers " +
  "(Domain Restricted Sharing) keeps it private; see docs/deployment.md, section “The webhook answers 403”";

const errorCode = (answer: HttpAnswer): string | undefined =>
  (jsonOf(answer) as { error?: { code?: unknown } } | undefined)?.error?.code as string | undefined;

/** An answer that means no webhook is reachable at all, whatever was asked. */
function unreachable(answer: HttpAnswer): Verdict | undefined {
  if (answer.status === 0)
    return fail(
      `nothing answered (${answer.error ?? "no connection"})`,
      "check the URL; for the local stack, start it with npm start",
    );
  if (answer.status === 404)
    return fail(
      "404: no function behind /api/otp",
      "deploy the function and the Hosting rewrite: npm run deploy -- --only functions,hosting",
    );
  if (answer.status === 403 && errorCode(answer) === undefined)
    return fail("403 from Google", ORG_POLICY_FIX);
  if (answer.status === 200 && /<html/i.test(answer.text))
    return fail(
      "the page answered instead of the function (a catch-all rewrite?)",
      "keep firebase.json's rewrites as the repository has them: /api/otp to the function, no **",
    );
  return undefined;
}

export function judgeGet(answer: HttpAnswer): Verdict {
  const broken = unreachable(answer);
  if (broken) return broken;
  if (answer.status === 405 && errorCode(answer) === "method_not_allowed") {
    return pass(
      `405 to GET in ${Math.round(answer.ms)} ms (the first request: a cold function's start shows here)`,
    );
  }
  return fail(
    `GET answered ${answer.status}${errorCode(answer) ? ` ${errorCode(answer)}` : ""}, not 405`,
    "redeploy the function: npm run deploy -- --only functions",
  );
}

export function judgeRefusals(withoutToken: HttpAnswer, wrongToken: HttpAnswer): Verdict {
  for (const answer of [withoutToken, wrongToken]) {
    const broken = unreachable(answer);
    if (broken) return broken;
    if (answer.status === 500 && errorCode(answer) === "not_configured") {
      return fail(
        "the function has no OTP_WEBHOOK_SECRET, so it takes nothing",
        "set it and redeploy: npm run deploy:secrets, then npm run deploy -- --only functions",
      );
    }
  }
  const problems: string[] = [];
  if (withoutToken.status !== 401) problems.push(`without a token: ${withoutToken.status}`);
  if (wrongToken.status !== 401) problems.push(`with a wrong token: ${wrongToken.status}`);
  if (problems.length === 0) return pass("401 without a token and with a wrong one");
  const accepted = [withoutToken, wrongToken].some((answer) => answer.status < 300);
  return fail(
    `${problems.join(", ")} instead of 401${accepted ? ": it takes codes from anyone" : ""}`,
    "redeploy the function from this repository: npm run deploy -- --only functions",
  );
}

export function judgeStore(
  answer: HttpAnswer,
  secretSource: string,
  secretFix: string,
): Verdict | { stored: { id: string } } {
  const broken = unreachable(answer);
  if (broken) return broken;
  if (answer.status === 401) {
    return fail(
      `the webhook refused the secret from ${secretSource} (401): it is not the function's`,
      secretFix,
    );
  }
  const id = (jsonOf(answer) as { id?: unknown } | undefined)?.id;
  if ((answer.status === 201 || answer.status === 200) && typeof id === "string" && id !== "") {
    return { stored: { id } };
  }
  if (answer.status === 503) {
    return fail(
      "503: the function could not store it in Firestore",
      "check that the project has a Firestore database (Native mode) and the function's logs",
    );
  }
  return fail(
    `answered ${answer.status}${errorCode(answer) ? ` ${errorCode(answer)}` : ""} without a stored id`,
    "redeploy the function from this repository: npm run deploy -- --only functions",
  );
}

const post = (
  url: string,
  authorization: string | undefined,
  body: unknown,
  extra: Record<string, string> = {},
): HttpRequest => ({
  url,
  method: "POST",
  headers: {
    "content-type": "application/json",
    ...(authorization ? { authorization } : {}),
    ...extra,
  },
  body: JSON.stringify(body),
});

export const webhookGetCheck: Check = {
  name: "the webhook is there and refuses GET",
  run: async ({ target, http }) => judgeGet(await http({ url: target.webhookUrl })),
};

export const webhookRefusesCheck: Check = {
  name: "the webhook refuses callers without the secret",
  async run({ target, http }) {
    // A valid notice, so only the token can be the reason for a refusal.
    const body = probeNotice("000000");
    const withoutToken = await http(post(target.webhookUrl, undefined, body));
    const wrongToken = await http(
      post(target.webhookUrl, `Bearer not-the-secret-${randomInt(1e9)}`, body),
    );
    return judgeRefusals(withoutToken, wrongToken);
  },
};

export const webhookStoresCheck: Check = {
  name: "the webhook stores a test notice",
  async run({ target, http, admin, facts }) {
    const secret = target.secrets.lookup(webhookSecret.name);
    const fix = target.secrets.fix(webhookSecret.name);
    if (!secret) return skip(`no ${webhookSecret.name}: ${fix}`);
    const code = String(randomInt(0, 1_000_000)).padStart(6, "0");
    const request = post(target.webhookUrl, `Bearer ${secret.value}`, probeNotice(code), {
      [IDEMPOTENCY_HEADER]: `doctor-${Date.now()}-${code}`,
    });
    const verdict = judgeStore(await http(request), secret.source, fix);
    if (!("stored" in verdict)) return verdict;
    const { id } = verdict.stored;
    facts.storedNotice = { id, code };
    if (!admin) return pass(`stored as otpCodes/${id}`);
    const stored = await admin.readCode(id);
    if (!stored) {
      return fail(
        `the webhook said otpCodes/${id}, but Firestore has no such document`,
        "the function writes to another project or database than the doctor reads: check GOOGLE_CLOUD_PROJECT",
      );
    }
    if (!isProbe(stored)) {
      return fail(
        `otpCodes/${id} is stored without its test-notice mark`,
        "redeploy the function from this repository: npm run deploy -- --only functions",
      );
    }
    return pass(`stored as otpCodes/${id}, marked as a test notice`);
  },
};
