// Reading what the webhook said, for every sender of notifications (the
// Action, send-code, auth0:setup's check): the status, our
// `{"id"}` / `{"error":{"code","message"}}` body when there is one, a
// redirect's target, and why a fetch that threw never reached it.

/** What the webhook said, from its `{"error":{"code","message"}}` body when there is one. */
export interface WebhookAnswer {
  status: number;
  errorCode?: string;
  errorMessage?: string;
  /** The id of the stored code on 200/201. */
  id?: string;
  /** The Location header of a redirect. */
  location?: string;
}

export async function readWebhookAnswer(response: Response): Promise<WebhookAnswer> {
  const answer: WebhookAnswer = { status: response.status };
  const location = response.headers.get("location");
  if (location) answer.location = location;
  const text = await response.text().catch(() => "");
  try {
    const json = JSON.parse(text) as {
      id?: unknown;
      error?: { code?: unknown; message?: unknown };
    };
    if (typeof json.id === "string") answer.id = json.id;
    if (typeof json.error?.code === "string") answer.errorCode = json.error.code;
    if (typeof json.error?.message === "string") answer.errorMessage = json.error.message;
  } catch {
    // Not our webhook's JSON (a proxy's HTML page, an empty body): the status says enough.
  }
  return answer;
}

/**
 * Node's fetch throws TypeError("fetch failed") with the socket error as its
 * cause: its code (ECONNREFUSED, ENOTFOUND…) says more than the message.
 */
export function networkFailure(error: unknown): { code?: string; message?: string } {
  const cause =
    error instanceof Error
      ? (error.cause as { code?: unknown; message?: unknown } | undefined)
      : typeof error === "object" && error !== null && "cause" in error
        ? (error.cause as { code?: unknown; message?: unknown } | undefined)
        : undefined;
  return {
    ...(typeof cause?.code === "string" ? { code: cause.code } : {}),
    ...(typeof cause?.message === "string" ? { message: cause.message } : {}),
  };
}
