// The codes API from the outside: it refuses callers without a read token
// (401), and with one it finds the test notice the webhook check stored, by
// its number, marked as a test notice.
import { readToken } from "functions/config";
import { CODES_API_PATH } from "functions/contract/codes-api";
import { PROBE_RECIPIENT } from "functions/contract/probe";
import { type Check, fail, pass, skip, type Verdict } from "../check.js";
import { type HttpAnswer, jsonOf } from "../http.js";

const errorCode = (answer: HttpAnswer): string | undefined =>
  (jsonOf(answer) as { error?: { code?: unknown } } | undefined)?.error?.code as string | undefined;

const probeQuery = (wait: number) =>
  `${CODES_API_PATH}?recipient=${encodeURIComponent(PROBE_RECIPIENT)}&wait=${wait}`;

export function judgeCodesRefusal(answer: HttpAnswer): Verdict {
  if (answer.status === 0)
    return fail(`nothing answered (${answer.error ?? "no connection"})`, "check the URL");
  if (answer.status === 404 && errorCode(answer) === "api_off")
    return skip("the codes API is off: OTP_READ_TOKEN holds no token (see docs/codes-api.md)");
  if (answer.status === 404)
    return fail(
      `404: no function behind ${CODES_API_PATH}`,
      "deploy the codes function and its rewrite: npm run deploy -- --only functions,hosting",
    );
  if (answer.status === 401 && errorCode(answer) === "unauthorized")
    return pass("401 without a token");
  return fail(
    `answered ${answer.status} without a token, not 401${answer.status < 300 ? ": anyone can read codes" : ""}`,
    "redeploy the functions from this repository: npm run deploy -- --only functions",
  );
}

export function judgeCodesFinds(answer: HttpAnswer, expectedId: string, fix: string): Verdict {
  if (answer.status === 401) return fail("the codes API refused the read token (401)", fix);
  if (answer.status === 404 && errorCode(answer) === "api_off")
    return skip("the codes API is off: OTP_READ_TOKEN holds no token");
  const body = jsonOf(answer) as { id?: unknown; probe?: unknown } | undefined;
  if (answer.status === 200 && body?.id === expectedId && body.probe === true)
    return pass(
      `found otpCodes/${expectedId}, marked as a test notice, in ${Math.round(answer.ms)} ms`,
    );
  if (answer.status === 200)
    return fail(
      `answered another code (${String(body?.id)}) than the test notice otpCodes/${expectedId}`,
      "redeploy the functions from this repository: npm run deploy -- --only functions",
    );
  if (answer.status === 204)
    return fail(
      "the test notice was stored but the codes API did not find it",
      "deploy the indexes its queries need: npm run deploy -- --only firestore (indexes build for a few minutes)",
    );
  return fail(
    `answered ${answer.status}${errorCode(answer) ? ` ${errorCode(answer)}` : ""}`,
    "check the codes function's logs",
  );
}

export const codesApiRefusesCheck: Check = {
  name: "the codes API refuses callers without a read token",
  run: async ({ target, http }) =>
    judgeCodesRefusal(await http({ url: `${target.origin}${probeQuery(0)}` })),
};

export const codesApiFindsCheck: Check = {
  name: "the codes API finds the test notice",
  async run({ target, http, facts }) {
    if (!facts.storedNotice) return skip("no test notice was stored (see the webhook's check)");
    const token = target.secrets.lookup(readToken.name);
    const fix = target.secrets.fix(readToken.name);
    if (!token) return skip(`no ${readToken.name}: ${fix}`);
    const answer = await http({
      url: `${target.origin}${probeQuery(5)}`,
      headers: { authorization: `Bearer ${token.value}` },
    });
    return judgeCodesFinds(answer, facts.storedNotice.id, fix);
  },
};
