import { ManagementError, ManagementTimeoutError } from "auth0";
import { describe, expect, it } from "vitest";
import { UsageError } from "../cli/command.js";
import { describeAuth0Error, isFatalAuth0Error } from "./auth0-errors.js";
import { parseAuth0Domain, readAuth0Settings, readWebhookSettings } from "./config.js";

const apiError = (statusCode: number, body: unknown, path = "/api/v2/actions/actions") =>
  new ManagementError({
    statusCode,
    body,
    rawResponse: {
      url: `https://t.eu.auth0.com${path}`,
      headers: new Headers(),
      redirected: false,
      status: statusCode,
      statusText: "",
      type: "basic",
    },
  });

describe("describeAuth0Error", () => {
  it.each([
    [
      apiError(401, { message: "Invalid token" }),
      /^Auth0 rejected the access token \(401 on \/api\/v2\/actions\/actions: Invalid token\)/,
    ],
    [
      apiError(403, {
        message: "Insufficient scope, expected any of: create:actions",
        errorCode: "insufficient_scope",
      }),
      /^The application is missing the scope create:actions \(needed on \/api\/v2\/actions\/actions\): grant it in Dashboard → Applications → APIs/,
    ],
    [
      apiError(403, { message: "The tenant uses the tenant-level phone provider" }),
      /^Auth0 refused the request \(403 .*tenant-level phone provider/,
    ],
    [
      apiError(409, { message: "Authentication method already exists" }),
      /^Auth0 reports a conflict \(409 .*already exists/,
    ],
    [
      apiError(429, { message: "Global limit has been reached" }),
      /rate-limiting .* after retrying with backoff/,
    ],
    [apiError(503, "Service Unavailable"), /^Auth0 had a problem \(503/],
    [
      new ManagementError({
        message: "ManagementClient: token request failed",
        statusCode: 403,
        body: { error: "access_denied", error_description: "Client is not authorized" },
      }),
      /^Auth0 will not issue a Management API token to this application \(403: Client is not authorized\): authorise it in Dashboard/,
    ],
    [
      new ManagementTimeoutError("Timeout exceeded when calling GET /actions."),
      /^Auth0 did not answer in time/,
    ],
    [
      new ManagementError({
        message: "fetch failed",
        cause: Object.assign(new Error("getaddrinfo"), { code: "ENOTFOUND" }),
      }),
      /^Cannot resolve the Auth0 domain \(ENOTFOUND\): check AUTH0_DOMAIN/,
    ],
    [new UsageError("Set AUTH0_DOMAIN."), /^Set AUTH0_DOMAIN\.$/],
  ])("says what to do, on one line: %#", (error, expected) => {
    const line = describeAuth0Error(error);
    expect(line).toMatch(expected);
    expect(line).not.toContain("\n");
  });

  it("treats credential, scope and rate-limit errors as fatal for a whole run", () => {
    expect(
      isFatalAuth0Error(
        apiError(403, { message: "Insufficient scope, expected any of: read:users" }),
      ),
    ).toBe(true);
    expect(isFatalAuth0Error(apiError(429, {}))).toBe(true);
    expect(isFatalAuth0Error(apiError(409, { message: "exists" }))).toBe(false);
    expect(isFatalAuth0Error(apiError(404, { message: "no user" }))).toBe(false);
  });
});

describe("configuration", () => {
  it("accepts a tenant host or a full origin, and keeps http for this machine only", () => {
    expect(parseAuth0Domain("my-tenant.eu.auth0.com")).toEqual({
      domain: "my-tenant.eu.auth0.com",
      origin: "https://my-tenant.eu.auth0.com",
    });
    expect(parseAuth0Domain("https://my-tenant.eu.auth0.com/")).toMatchObject({
      domain: "my-tenant.eu.auth0.com",
    });
    expect(parseAuth0Domain("http://127.0.0.1:4010")).toEqual({
      domain: "127.0.0.1:4010",
      origin: "http://127.0.0.1:4010",
    });
    expect(parseAuth0Domain("http://my-tenant.eu.auth0.com")).toMatch(/must use https/);
    expect(parseAuth0Domain("my-tenant.eu.auth0.com/api/v2")).toMatch(/just the tenant's host/);
  });

  it("reports every missing Auth0 setting at once", () => {
    expect(() => readAuth0Settings({})).toThrow(
      /AUTH0_DOMAIN is not set[\s\S]*AUTH0_CLIENT_ID is not set[\s\S]*AUTH0_CLIENT_SECRET is not set/,
    );
  });

  it("checks the webhook URL and secret", () => {
    const ok = { OTP_WEBHOOK_URL: "https://p.web.app/api/otp", OTP_WEBHOOK_SECRET: "a".repeat(32) };
    expect(readWebhookSettings(ok)).toEqual({
      url: "https://p.web.app/api/otp",
      secret: "a".repeat(32),
    });
    expect(() =>
      readWebhookSettings({ ...ok, OTP_WEBHOOK_URL: "http://p.web.app/api/otp" }),
    ).toThrow(/must use https/);
    expect(() => readWebhookSettings({ ...ok, OTP_WEBHOOK_SECRET: "short" })).toThrow(
      /too short .*openssl rand/,
    );
    expect(() =>
      readWebhookSettings({ ...ok, OTP_WEBHOOK_SECRET: `${"a".repeat(20)},old` }),
    ).toThrow(/commas/);
    expect(() => readWebhookSettings({})).toThrow(
      /OTP_WEBHOOK_URL is not set[\s\S]*OTP_WEBHOOK_SECRET is not set/,
    );
  });
});
