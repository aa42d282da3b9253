// The provider triggers and providers over HTTP, as the scripts meet them: the
// refusals a real tenant answers with, in the order a setup runs into them.
import { describe, expect, it } from "vitest";
import { managementApi, standInPerTest } from "./testing.js";

const tenant = standInPerTest();
const idOf = (body: unknown) => (body as { id: string }).id;

describe("the stand-in's custom-phone-provider trigger and phone provider", () => {
  it("refuses a second custom-phone-provider Action, and a provider or binding before a deploy", async () => {
    const call = await managementApi(await tenant());
    const action = {
      name: "a",
      supported_triggers: [{ id: "custom-phone-provider", version: "v1" }],
      code: "x",
    };
    const created = idOf((await call("POST", "/actions/actions", action)).body);
    const provider = {
      name: "custom",
      configuration: { delivery_methods: ["text"] },
      credentials: {},
    };
    expect((await call("POST", "/branding/phone/providers", provider)).status).toBe(400);
    const binding = { bindings: [{ ref: { type: "action_id", value: created } }] };
    expect(
      (await call("PATCH", "/actions/triggers/custom-phone-provider/bindings", binding)).status,
    ).toBe(400);
    expect((await call("POST", `/actions/actions/${created}/deploy`)).status).toBe(400);
    expect(await call("POST", "/actions/actions", { ...action, name: "b" })).toMatchObject({
      status: 403,
      body: { errorCode: "actions_cardinality_custom_phone_provider_not_allowed" },
    });
  });
});

describe("the stand-in's custom-email-provider trigger and email provider", () => {
  it("answers 404 with no provider, wants a deployed Action for custom, then allows one provider", async () => {
    const api = await tenant({ readsUntilBuilt: 0 });
    const call = await managementApi(api);
    expect((await call("GET", "/emails/provider")).status).toBe(404);
    const custom = { name: "custom", enabled: true, credentials: {} };
    expect(await call("POST", "/emails/provider", custom)).toMatchObject({
      status: 400,
      body: { errorCode: "custom_email_provider_deployed_action_not_found" },
    });

    const action = {
      name: "a",
      supported_triggers: [{ id: "custom-email-provider", version: "v1" }],
    };
    const created = idOf((await call("POST", "/actions/actions", { ...action, code: "x" })).body);
    expect(await call("POST", "/actions/actions", { ...action, name: "b" })).toMatchObject({
      status: 403,
      body: { errorCode: "actions_cardinality_custom_email_provider_not_allowed" },
    });
    const binding = { bindings: [{ ref: { type: "action_id", value: created } }] };
    expect(
      (await call("PATCH", "/actions/triggers/custom-email-provider/bindings", binding)).status,
    ).toBe(400);
    // A read sees the draft built; once deployed it binds to its own trigger only.
    await call("GET", `/actions/actions/${created}`);
    expect((await call("POST", `/actions/actions/${created}/deploy`)).status).toBe(202);
    expect(
      (await call("PATCH", "/actions/triggers/custom-phone-provider/bindings", binding)).status,
    ).toBe(400);
    expect(
      (await call("PATCH", "/actions/triggers/custom-email-provider/bindings", binding)).status,
    ).toBe(200);
    expect(api.state.bindings).toEqual({
      "custom-phone-provider": [],
      "custom-email-provider": [created],
    });

    expect((await call("POST", "/emails/provider", custom)).status).toBe(201);
    expect((await call("POST", "/emails/provider", custom)).status).toBe(409);
    expect(await call("GET", "/emails/provider")).toEqual({
      status: 200,
      body: { name: "custom", enabled: true },
    });
  });
});
