// The email provider's rules as setup meets them: one per tenant, a known
// name with credentials, `custom` only with a deployed custom-email-provider
// Action, and no credentials in what a read returns.
import { describe, expect, it } from "vitest";
import {
  checkCustomEmailProviderAllowed,
  checkNoEmailProviderYet,
  emailCredentials,
  emailProviderAsReturned,
  emailProviderName,
  existingEmailProvider,
} from "./email-provider-rules.js";
import type { StoredAction, StoredEmailProvider } from "./state.js";
import { refusal } from "./testing.js";

const sendgrid: StoredEmailProvider = {
  name: "sendgrid",
  enabled: true,
  default_from_address: "no-reply@example.com",
  credentials: { api_key: "SG.secret-key" },
};

const emailAction = {
  id: "act_email",
  supported_triggers: [{ id: "custom-email-provider", version: "v1" }],
  deployed: { id: "ver_1", number: 1, code: "x", runtime: "node22", secrets: [] },
} as unknown as StoredAction;

describe("the email provider", () => {
  it("is one per tenant: creating a second is 409, updating none is 404", () => {
    expect(() => checkNoEmailProviderYet(undefined)).not.toThrow();
    expect(refusal(() => checkNoEmailProviderYet(sendgrid))).toMatchObject({
      status: 409,
      body: { error: "Conflict" },
    });
    expect(existingEmailProvider(sendgrid)).toBe(sendgrid);
    expect(refusal(() => existingEmailProvider(undefined))).toMatchObject({
      status: 404,
      body: { message: "Email provider has not been configured." },
    });
  });

  it("takes only a name Auth0 knows, and credentials as an object", () => {
    expect(emailProviderName("custom")).toBe("custom");
    expect(emailProviderName("sendgrid")).toBe("sendgrid");
    for (const name of ["Custom", "postmark", "", 3, undefined]) {
      expect(refusal(() => emailProviderName(name))).toMatchObject({
        status: 400,
        body: {
          message: expect.stringMatching(/^Payload validation error: 'name' must be one of/),
        },
      });
    }
    expect(emailCredentials({})).toEqual({});
    for (const credentials of [undefined, null, "key", []]) {
      expect(refusal(() => emailCredentials(credentials))).toMatchObject({
        status: 400,
        body: { message: "Payload validation error: 'credentials' is required." },
      });
    }
  });

  it("may be custom only once a custom-email-provider Action is deployed", () => {
    expect(() => checkCustomEmailProviderAllowed("custom", emailAction)).not.toThrow();
    expect(() => checkCustomEmailProviderAllowed("sendgrid", undefined)).not.toThrow();
    expect(refusal(() => checkCustomEmailProviderAllowed("custom", undefined))).toEqual({
      status: 400,
      body: {
        statusCode: 400,
        error: "Bad Request",
        message:
          "A custom email provider requires a deployed action supporting the custom-email-provider trigger.",
        errorCode: "custom_email_provider_deployed_action_not_found",
      },
    });
  });

  it("is read back as name and enabled unless fields ask for more, never with credentials", () => {
    expect(emailProviderAsReturned(sendgrid)).toEqual({ name: "sendgrid", enabled: true });
    expect(emailProviderAsReturned(sendgrid, "name,default_from_address,credentials")).toEqual({
      name: "sendgrid",
      default_from_address: "no-reply@example.com",
    });
    expect(emailProviderAsReturned(sendgrid, "name", false)).toEqual({
      enabled: true,
      default_from_address: "no-reply@example.com",
    });
    expect(JSON.stringify(emailProviderAsReturned(sendgrid, "credentials"))).not.toContain(
      "SG.secret-key",
    );
  });
});
