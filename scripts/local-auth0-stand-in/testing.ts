// What tests that use the stand-in share: one stand-in per test, closed after
// it; a Management API caller holding a token, for tests of the routes over
// HTTP; and the answer a pure rule refuses with.
import { afterEach } from "vitest";
import { ApiError, type ApiErrorBody, errorAnswer } from "./auth0-error.js";
import {
  type ManagementApiStandIn,
  type StandInOptions,
  startManagementApiStandIn,
} from "./server.js";

/** Call at the top of a test file: each test starts its own stand-in, closed after the test. */
export function standInPerTest(): (options?: StandInOptions) => Promise<ManagementApiStandIn> {
  let current: ManagementApiStandIn | undefined;
  afterEach(async () => {
    await current?.close();
    current = undefined;
  });
  return async (options = {}) => {
    current = await startManagementApiStandIn(options);
    return current;
  };
}

export interface ApiAnswer {
  status: number;
  /** The parsed JSON body, or undefined when there is none. */
  body: unknown;
}

/** A caller of the stand-in's /api/v2 with a token from its client-credentials grant. */
export async function managementApi(
  standIn: ManagementApiStandIn,
): Promise<(method: string, path: string, body?: unknown) => Promise<ApiAnswer>> {
  const grant = await fetch(`${standIn.origin}/oauth/token`, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({
      grant_type: "client_credentials",
      client_id: standIn.clientId,
      client_secret: standIn.clientSecret,
      audience: `https://${new URL(standIn.origin).host}/api/v2/`,
    }),
  });
  const { access_token: token } = (await grant.json()) as { access_token: string };
  return async (method, path, body) => {
    const response = await fetch(`${standIn.origin}/api/v2${path}`, {
      method,
      headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    return { status: response.status, body: text ? JSON.parse(text) : undefined };
  };
}

/** The answer the stand-in sends when the rule refuses; fails the test when it accepts. */
export function refusal(check: () => unknown): { status: number; body: ApiErrorBody } {
  try {
    check();
  } catch (error) {
    if (error instanceof ApiError) return errorAnswer(error);
    throw error;
  }
  throw new Error("the rule accepted");
}
