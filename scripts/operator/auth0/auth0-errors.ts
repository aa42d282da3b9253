// Turns whatever the SDK throws into one line that says what went wrong and
// what to do, never a stack trace.
import { networkFailure } from "action/webhook-answer";
import { UsageError } from "../cli/command.js";

interface ErrorLike {
  message?: unknown;
  statusCode?: unknown;
  body?: unknown;
  rawResponse?: { url?: unknown };
  cause?: unknown;
  name?: unknown;
}

interface Auth0ErrorBody {
  message?: string;
  error?: string;
  error_description?: string;
  errorCode?: string;
}

const GRANT_HINT =
  "Dashboard → Applications → APIs → Auth0 Management API → Machine to Machine Applications";

function bodyOf(error: ErrorLike): Auth0ErrorBody {
  if (error.body && typeof error.body === "object") return error.body as Auth0ErrorBody;
  if (typeof error.body === "string") return { message: error.body };
  return {};
}

/** " on /api/v2/actions/actions" from the response URL, when the SDK kept it. */
function endpointOf(error: ErrorLike): string {
  const url = typeof error.rawResponse?.url === "string" ? error.rawResponse.url : "";
  if (!url) return "";
  try {
    return ` on ${new URL(url).pathname}`;
  } catch {
    return "";
  }
}

function firstLine(text: string): string {
  return text.split("\n")[0]?.trim() ?? "";
}

export function describeAuth0Error(error: unknown): string {
  if (error instanceof UsageError) return error.message;
  if (!error || typeof error !== "object") return String(error);
  const e = error as ErrorLike;
  const status = typeof e.statusCode === "number" ? e.statusCode : undefined;
  const body = bodyOf(e);
  const detail = body.message ?? body.error_description ?? body.error ?? "";
  const where = endpointOf(e);
  const isTokenRequest = typeof e.message === "string" && e.message.includes("token request");

  if (isTokenRequest && status !== undefined) {
    if (status === 401) {
      return `Auth0 refused the client credentials (401 ${body.error ?? ""}${detail ? `: ${detail}` : ""}): check AUTH0_CLIENT_ID and AUTH0_CLIENT_SECRET of the machine-to-machine application.`;
    }
    if (status === 403) {
      return `Auth0 will not issue a Management API token to this application (403: ${detail}): authorise it in ${GRANT_HINT}.`;
    }
    if (status === 429)
      return "Auth0 rate-limited the token request (429): wait a minute and run again.";
    if (status === 408)
      return "Auth0's token endpoint did not answer in time: check AUTH0_DOMAIN and your network.";
    return `Auth0's token endpoint answered ${status}${detail ? `: ${detail}` : ""}: check AUTH0_DOMAIN.`;
  }

  switch (status) {
    case 401:
      return `Auth0 rejected the access token (401${where}${detail ? `: ${detail}` : ""}): check that AUTH0_DOMAIN is the tenant the application belongs to.`;
    case 403: {
      const scope = /expected (?:any|all) of:\s*([\w:, ]+)/i.exec(detail)?.[1]?.trim();
      if (scope || body.errorCode === "insufficient_scope") {
        return `The application is missing the scope ${scope ?? "(see the message)"}${where ? ` (needed${where})` : ""}: grant it in ${GRANT_HINT}, then run again.`;
      }
      return `Auth0 refused the request (403${where}): ${detail || "forbidden"}.`;
    }
    case 404:
      return `Auth0 found nothing there (404${where}): ${detail || "not found"}.`;
    case 409:
      return `Auth0 reports a conflict (409${where}): ${detail || "conflict"}.`;
    case 429:
      return `Auth0 kept rate-limiting the requests (429${where}) after retrying with backoff: wait a minute and run again (re-running is safe).`;
    case undefined:
      break;
    default:
      if (status >= 500) {
        return `Auth0 had a problem (${status}${where}${detail ? `: ${detail}` : ""}): try again in a minute (re-running is safe).`;
      }
      return `Auth0 answered ${status}${where}: ${detail || firstLine(String(e.message ?? ""))}.`;
  }

  if (e.name === "ManagementTimeoutError") {
    return "Auth0 did not answer in time: check AUTH0_DOMAIN and your network, then run again.";
  }
  const { code } = networkFailure(e);
  if (code === "ENOTFOUND" || code === "EAI_AGAIN") {
    return `Cannot resolve the Auth0 domain (${code}): check AUTH0_DOMAIN.`;
  }
  if (code) return `Cannot reach Auth0 (${code}): check AUTH0_DOMAIN and your network.`;
  return firstLine(typeof e.message === "string" ? e.message : String(error)) || "unknown error";
}

/** Fatal for the whole run: every further call would fail the same way. */
export function isFatalAuth0Error(error: unknown): boolean {
  if (error instanceof UsageError) return true;
  if (!error || typeof error !== "object") return false;
  const e = error as ErrorLike;
  const status = typeof e.statusCode === "number" ? e.statusCode : undefined;
  if (typeof e.message === "string" && e.message.includes("token request")) return true;
  if (status === 401 || status === 429) return true;
  if (status === 403 && /scope/i.test(`${bodyOf(e).message ?? ""} ${bodyOf(e).errorCode ?? ""}`))
    return true;
  return status === undefined;
}

export const statusOf = (error: unknown): number | undefined => {
  const status = (error as ErrorLike | null)?.statusCode;
  return typeof status === "number" ? status : undefined;
};
