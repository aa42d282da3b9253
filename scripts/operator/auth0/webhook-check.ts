// Before configuring Auth0, make sure the webhook the Action will call exists
// and accepts the secret. It posts an empty object: a correct URL and secret
// get 400 invalid_request (authenticated, then refused as incomplete), so
// nothing is stored and no code appears in the inbox.

import { networkFailure, readWebhookAnswer } from "action/webhook-answer";

export type WebhookCheck = { ok: true } | { ok: false; problem: string };

export async function checkWebhook(
  url: string,
  secret: string,
  timeoutMs = 10_000,
): Promise<WebhookCheck> {
  let response: Response;
  try {
    response = await fetch(url, {
      method: "POST",
      headers: { "content-type": "application/json", authorization: `Bearer ${secret}` },
      body: "{}",
      redirect: "manual",
      signal: AbortSignal.timeout(timeoutMs),
    });
  } catch (error) {
    const why = networkFailure(error).code ?? (error instanceof Error ? error.name : String(error));
    return {
      ok: false,
      problem: `cannot reach OTP_WEBHOOK_URL (${why}): is the function deployed?`,
    };
  }
  const { status, errorCode: code, location } = await readWebhookAnswer(response);
  if (status === 400 && code === "invalid_request") return { ok: true };
  if (status === 401 || status === 403) {
    return {
      ok: false,
      problem: `the webhook refused OTP_WEBHOOK_SECRET (${status}): it differs from the function's secret`,
    };
  }
  if (status === 404 || status === 405) {
    return {
      ok: false,
      problem: `no webhook at OTP_WEBHOOK_URL (${status}): it should end in /api/otp`,
    };
  }
  if (status >= 300 && status < 400) {
    return {
      ok: false,
      problem: `OTP_WEBHOOK_URL redirects (${status}) to ${location ?? "?"}: use the final URL`,
    };
  }
  return {
    ok: false,
    problem: `the webhook answered ${status}${code ? ` ${code}` : ""} to a test request`,
  };
}
