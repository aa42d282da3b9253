// The Auth0 rules the stand-in enforces, each as the scripts meet it: what a
// real tenant accepts, and the status and error body it refuses with.
import { describe, expect, it } from "vitest";
import {
  boundActionId,
  buildProgress,
  checkBindable,
  checkCredentials,
  checkCustomProviderAllowed,
  checkDeployable,
  checkNoProviderYet,
  checkNoTotpYet,
  checkSelectedProviderAllowed,
  deliveryMethods,
  enrollablePhoneNumber,
  factorEnabled,
  messageTypes,
  newActionFields,
  providerName,
  requireScope,
  secretsAsReturned,
  secretsFrom,
  testSend,
  tokenRefusal,
  totpSecret,
} from "./auth0-rules.js";
import type { StoredAction, StoredMethod, StoredProvider } from "./state.js";
import { refusal } from "./testing.js";

const PHONE_TRIGGER = [{ id: "custom-phone-provider", version: "v1" }];
const EMAIL_TRIGGER = [{ id: "custom-email-provider", version: "v1" }];

function action(overrides: Partial<StoredAction> = {}): StoredAction {
  return {
    id: "act_1",
    name: "SMS inbox",
    supported_triggers: PHONE_TRIGGER,
    code: "exports.onExecuteCustomPhoneProvider = async () => {};",
    runtime: "node22",
    dependencies: [],
    secrets: [],
    status: "built",
    readsUntilBuilt: 0,
    all_changes_deployed: false,
    versions: 0,
    created_at: "2024-01-01T00:00:00.000Z",
    updated_at: "2024-01-01T00:00:00.000Z",
    ...overrides,
  };
}

const deployed = (overrides: Partial<StoredAction> = {}) =>
  action({
    deployed: { id: "ver_1", number: 1, code: "x", runtime: "node22", secrets: [] },
    ...overrides,
  });

function provider(deliveryMethods: string[]): StoredProvider {
  return {
    id: "pro_1",
    name: "custom",
    disabled: false,
    configuration: { delivery_methods: deliveryMethods },
    created_at: "2024-01-01T00:00:00.000Z",
    updated_at: "2024-01-01T00:00:00.000Z",
  };
}

describe("tokens and scopes", () => {
  const grant = { clientId: "id", clientSecret: "secret", audience: "https://t/api/v2/" };
  const request = {
    grant_type: "client_credentials",
    client_id: "id",
    client_secret: "secret",
    audience: "https://t/api/v2/",
  };

  it("issues a token for the client's credentials and the domain's own audience", () => {
    expect(tokenRefusal(request, grant)).toBeUndefined();
  });

  it("refuses other grants, wrong credentials and another audience with OAuth's error body", () => {
    expect(tokenRefusal({ ...request, grant_type: "password" }, grant)).toEqual({
      status: 400,
      body: { error: "unsupported_grant_type", error_description: "Unsupported grant type" },
    });
    expect(tokenRefusal({ ...request, client_secret: "wrong" }, grant)).toEqual({
      status: 401,
      body: { error: "access_denied", error_description: "Unauthorized" },
    });
    expect(tokenRefusal({ ...request, audience: "https://other/api/v2/" }, grant)).toEqual({
      status: 403,
      body: {
        error: "access_denied",
        error_description: "Service not enabled within domain: https://other/api/v2/",
      },
    });
  });

  it("refuses a call without the endpoint's scope with 403 insufficient_scope, naming it", () => {
    expect(() => requireScope(new Set(["read:actions"]), "read:actions")).not.toThrow();
    expect(refusal(() => requireScope(new Set(["read:actions"]), "update:actions"))).toEqual({
      status: 403,
      body: {
        statusCode: 403,
        error: "Forbidden",
        message: "Insufficient scope, expected any of: update:actions",
        errorCode: "insufficient_scope",
      },
    });
  });
});

describe("Actions", () => {
  it("rejects a new Action without a name or triggers as a 400 payload validation error", () => {
    const invalid = [
      { supported_triggers: PHONE_TRIGGER },
      { name: "", supported_triggers: PHONE_TRIGGER },
      { name: 7, supported_triggers: PHONE_TRIGGER },
      { name: "SMS inbox" },
      { name: "SMS inbox", supported_triggers: [] },
    ];
    for (const body of invalid) {
      expect(refusal(() => newActionFields(body, []))).toEqual({
        status: 400,
        body: {
          statusCode: 400,
          error: "Bad Request",
          message: "Payload validation error: name and supported_triggers are required.",
        },
      });
    }
    expect(newActionFields({ name: "SMS inbox", supported_triggers: PHONE_TRIGGER }, [])).toEqual({
      name: "SMS inbox",
      supported_triggers: PHONE_TRIGGER,
    });
  });

  it("allows one custom-phone-provider Action per tenant (403 actions_cardinality_…)", () => {
    const body = { name: "Second", supported_triggers: PHONE_TRIGGER };
    expect(refusal(() => newActionFields(body, [action()]))).toEqual({
      status: 403,
      body: {
        statusCode: 403,
        error: "Forbidden",
        message: "Only one action may support the custom-phone-provider trigger.",
        errorCode: "actions_cardinality_custom_phone_provider_not_allowed",
      },
    });
    const login = { name: "Login", supported_triggers: [{ id: "post-login", version: "v3" }] };
    expect(newActionFields(login, [action()]).name).toBe("Login");
  });

  it("reports a saved draft as building for the given reads, then built for good", () => {
    let build = buildProgress({ status: "pending", readsUntilBuilt: 2 });
    const seen = [build.status];
    for (let read = 0; read < 3; read += 1) {
      build = buildProgress(build);
      seen.push(build.status);
    }
    expect(seen).toEqual(["building", "building", "built", "built"]);
  });

  it("deploys only a built draft", () => {
    expect(() => checkDeployable({ status: "built" })).not.toThrow();
    for (const status of ["pending", "building", "failed"] as const) {
      expect(refusal(() => checkDeployable({ status }))).toMatchObject({
        status: 400,
        body: { message: "A draft must be in the 'built' state before it can be deployed." },
      });
    }
  });

  it("keeps a secret's value when an update names it alone; a new value gets a new date", () => {
    const previous = [
      { name: "OTP_WEBHOOK_URL", value: "https://inbox.example/api/otp", updated_at: "then" },
      { name: "OTP_WEBHOOK_SECRET", value: "old-secret", updated_at: "then" },
    ];
    const sent = [{ name: "OTP_WEBHOOK_URL" }, { name: "OTP_WEBHOOK_SECRET", value: "new-secret" }];
    expect(secretsFrom(sent, previous, () => "now")).toEqual([
      { name: "OTP_WEBHOOK_URL", value: "https://inbox.example/api/otp", updated_at: "then" },
      { name: "OTP_WEBHOOK_SECRET", value: "new-secret", updated_at: "now" },
    ]);
    // A secret left out of the update is gone.
    expect(secretsFrom([], previous, () => "now")).toEqual([]);
  });

  it("never shows a secret's value when an Action is read back", () => {
    const secrets = [{ name: "OTP_WEBHOOK_SECRET", value: "s3cret", updated_at: "then" }];
    expect(secretsAsReturned(secrets)).toEqual([
      { name: "OTP_WEBHOOK_SECRET", updated_at: "then" },
    ]);
  });

  it("binds by Action id, and only a deployed custom-phone-provider Action", () => {
    expect(boundActionId({ ref: { type: "action_id", value: "act_1" } })).toBe("act_1");
    expect(refusal(() => boundActionId({ ref: { type: "action_name", value: "x" } }))).toEqual({
      status: 400,
      body: {
        statusCode: 400,
        error: "Bad Request",
        message: "Payload validation error: ref must be {type: action_id, value}.",
      },
    });
    expect(() => checkBindable(deployed(), "custom-phone-provider")).not.toThrow();
    expect(refusal(() => checkBindable(action(), "custom-phone-provider"))).toMatchObject({
      status: 400,
      body: { message: "Trying to create a binding for an action that has not been deployed." },
    });
    const login = deployed({ supported_triggers: [{ id: "post-login", version: "v3" }] });
    expect(refusal(() => checkBindable(login, "custom-phone-provider"))).toMatchObject({
      status: 400,
      body: { message: "The action does not support the custom-phone-provider trigger." },
    });
  });

  it("allows one custom-email-provider Action beside the phone one (403 actions_cardinality_…)", () => {
    const email = deployed({ id: "act_2", supported_triggers: EMAIL_TRIGGER });
    expect(
      newActionFields({ name: "Email", supported_triggers: EMAIL_TRIGGER }, [action()]).name,
    ).toBe("Email");
    expect(
      refusal(() =>
        newActionFields({ name: "Second", supported_triggers: EMAIL_TRIGGER }, [action(), email]),
      ),
    ).toEqual({
      status: 403,
      body: {
        statusCode: 403,
        error: "Forbidden",
        message: "Only one action may support the custom-email-provider trigger.",
        errorCode: "actions_cardinality_custom_email_provider_not_allowed",
      },
    });
  });

  it("binds an Action only to a trigger it supports", () => {
    const email = deployed({ supported_triggers: EMAIL_TRIGGER });
    expect(() => checkBindable(email, "custom-email-provider")).not.toThrow();
    expect(refusal(() => checkBindable(email, "custom-phone-provider"))).toMatchObject({
      status: 400,
      body: { message: "The action does not support the custom-phone-provider trigger." },
    });
    expect(refusal(() => checkBindable(deployed(), "custom-email-provider"))).toMatchObject({
      status: 400,
      body: { message: "The action does not support the custom-email-provider trigger." },
    });
  });
});

describe("the phone provider", () => {
  it("is one per tenant: a second is 409 Conflict", () => {
    expect(() => checkNoProviderYet([])).not.toThrow();
    expect(refusal(() => checkNoProviderYet([provider(["text"])]))).toEqual({
      status: 409,
      body: {
        statusCode: 409,
        error: "Conflict",
        message: "A phone provider already exists for this tenant.",
      },
    });
  });

  it("is custom or twilio, with credentials", () => {
    expect(providerName("custom")).toBe("custom");
    expect(providerName("twilio")).toBe("twilio");
    expect(refusal(() => providerName("sns"))).toMatchObject({
      status: 400,
      body: { message: "Invalid provider name." },
    });
    expect(() => checkCredentials({})).not.toThrow();
    expect(refusal(() => checkCredentials(undefined))).toMatchObject({
      status: 400,
      body: { message: "Payload validation error: 'credentials' is required." },
    });
  });

  it("may be custom only once a custom-phone-provider Action is deployed", () => {
    expect(() => checkCustomProviderAllowed("custom", deployed())).not.toThrow();
    expect(() => checkCustomProviderAllowed("twilio", undefined)).not.toThrow();
    expect(refusal(() => checkCustomProviderAllowed("custom", undefined))).toMatchObject({
      status: 400,
      body: {
        message:
          "A custom phone provider requires a deployed action supporting the custom-phone-provider trigger.",
      },
    });
  });

  it("delivers by a non-empty subset of text and voice", () => {
    expect(deliveryMethods(["text", "voice"])).toEqual(["text", "voice"]);
    for (const methods of [[], ["sms"], ["text", "fax"], undefined]) {
      expect(refusal(() => deliveryMethods(methods))).toMatchObject({
        status: 400,
        body: {
          message:
            "Payload validation error: 'delivery_methods' must be a non-empty subset of text, voice.",
        },
      });
    }
  });

  it("sends a test to an E.164 number, by text unless asked, only by a method it delivers by", () => {
    expect(testSend(provider(["text"]), { to: "+61400000001" })).toEqual({
      to: "+61400000001",
      delivery_method: "text",
    });
    expect(refusal(() => testSend(provider(["text"]), { to: "0400000001" }))).toMatchObject({
      status: 400,
      body: { message: "Payload validation error: 'to' must be an E.164 number." },
    });
    const voice = { to: "+61400000001", delivery_method: "voice" };
    expect(refusal(() => testSend(provider(["text"]), voice))).toMatchObject({
      status: 400,
      body: { message: "The provider does not deliver by voice." },
    });
  });
});

describe("MFA", () => {
  it("takes sms and voice as message types, each only if the provider delivers it (409)", () => {
    expect(messageTypes(["sms", "voice"], undefined)).toEqual(["sms", "voice"]);
    expect(messageTypes(["sms"], ["text"])).toEqual(["sms"]);
    expect(refusal(() => messageTypes(["email"], undefined))).toMatchObject({
      status: 400,
      body: { message: "Invalid message type." },
    });
    expect(refusal(() => messageTypes(["sms", "voice"], ["text"]))).toEqual({
      status: 409,
      body: {
        statusCode: 409,
        error: "Conflict",
        message: "The message types must be a subset of the phone provider's delivery methods.",
      },
    });
  });

  it("refuses choosing the SMS provider once the tenant-level phone provider is on", () => {
    expect(() =>
      checkSelectedProviderAllowed({ phone_consolidated_experience: false }),
    ).not.toThrow();
    expect(
      refusal(() => checkSelectedProviderAllowed({ phone_consolidated_experience: true })),
    ).toMatchObject({
      status: 403,
      body: {
        message:
          "The tenant uses the tenant-level phone provider; configure that provider instead.",
      },
    });
  });

  it("switches a known factor on or off with a boolean", () => {
    const factors = { sms: false };
    expect(factorEnabled(factors, "sms", true)).toBe(true);
    expect(refusal(() => factorEnabled(factors, "fax", true))).toMatchObject({
      status: 404,
      body: { error: "Not Found", message: "Factor not found." },
    });
    expect(refusal(() => factorEnabled(factors, "sms", "yes"))).toMatchObject({
      status: 400,
      body: { message: "Payload validation error: 'enabled' is required." },
    });
  });

  it("turns email on only while another factor is on (a dependent factor); off at any time", () => {
    const dependent = {
      status: 400,
      body: {
        message:
          "The email factor can only be enabled while another factor (such as sms or otp) is enabled.",
      },
    };
    expect(refusal(() => factorEnabled({ sms: false, email: false }, "email", true))).toMatchObject(
      dependent,
    );
    // Email itself being on already does not count as the other factor.
    expect(refusal(() => factorEnabled({ sms: false, email: true }, "email", true))).toMatchObject(
      dependent,
    );
    expect(factorEnabled({ sms: true, email: false }, "email", true)).toBe(true);
    expect(factorEnabled({ otp: true, email: false }, "email", true)).toBe(true);
    expect(factorEnabled({ sms: false, email: true }, "email", false)).toBe(false);
  });
});

/** A user's phone enrolment, as the stand-in stores it. */
const phone: StoredMethod = {
  id: "phone|dev_1",
  type: "phone",
  phone_number: "+61400000001",
  preferred_authentication_method: "sms",
  confirmed: true,
  created_at: "2024-01-01T00:00:00.000Z",
};

describe("enrolment", () => {
  const existing = [phone];

  it("enrols an E.164 number the user does not have yet", () => {
    expect(enrollablePhoneNumber(existing, "+61400000002")).toBe("+61400000002");
  });

  it("refuses a number that is not E.164 with 400", () => {
    for (const number of ["0400000001", "+0400000001", "61400000001", undefined]) {
      expect(refusal(() => enrollablePhoneNumber([], number))).toMatchObject({
        status: 400,
        body: { message: "Payload validation error: 'phone_number' must be E.164." },
      });
    }
  });

  it("answers a number the user already has with 409, as Auth0 does", () => {
    expect(refusal(() => enrollablePhoneNumber(existing, "+61400000001"))).toEqual({
      status: 409,
      body: {
        statusCode: 409,
        error: "Conflict",
        message: "Authentication method already exists",
      },
    });
  });
});

describe("authenticator (totp) enrolment", () => {
  const totp: StoredMethod = {
    id: "totp|dev_1",
    type: "totp",
    name: "Shared SMS Inbox",
    confirmed: true,
    created_at: "2024-01-01T00:00:00.000Z",
    totp_secret: "JBSWY3DPEHPK3PXP",
  };

  it("takes a base32 secret in either case, padded or not", () => {
    for (const secret of ["JBSWY3DPEHPK3PXP", "jbswy3dpehpk3pxp", "MFRGG===", "A234567"])
      expect(totpSecret(secret)).toBe(secret);
  });

  it("refuses a secret that is missing or not base32 with 400", () => {
    for (const secret of [undefined, "", "JBSWY3DP EHPK3PXP", "0189", "JBSW=Y3DP", 42]) {
      expect(refusal(() => totpSecret(secret))).toMatchObject({
        status: 400,
        body: {
          message: "Payload validation error: 'totp_secret' must be a base32 encoded string.",
        },
      });
    }
  });

  it("answers a second totp method with 409, whatever its name; a phone is no obstacle", () => {
    expect(() => checkNoTotpYet([phone])).not.toThrow();
    expect(
      refusal(() => checkNoTotpYet([phone, { ...totp, name: "Google Authenticator" }])),
    ).toEqual({
      status: 409,
      body: { statusCode: 409, error: "Conflict", message: "Authentication method already exists" },
    });
  });
});
