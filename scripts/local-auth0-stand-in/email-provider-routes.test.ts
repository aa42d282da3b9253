// The email provider and the custom-email-provider trigger over HTTP, as the
// scripts meet them: the refusals a real tenant answers with, in order.
import { afterEach, describe, expect, it } from "vitest";
import { type ManagementApiStandIn, startManagementApiStandIn } from "./index.js";

let api: ManagementApiStandIn | undefined;
afterEach(async () => {
  await api?.close();
  api = undefined;
});

async function client(standIn: ManagementApiStandIn) {
  const token = await (
    await fetch(`${standIn.origin}/oauth/token`, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({
        grant_type: "client_credentials",
        client_id: standIn.clientId,
        client_secret: standIn.clientSecret,
        audience: `https://${new URL(standIn.origin).host}/api/v2/`,
      }),
    })
  ).json();
  return async (method: string, path: string, body?: unknown) => {
    const response = await fetch(`${standIn.origin}/api/v2${path}`, {
      method,
      headers: {
        authorization: `Bearer ${token.access_token}`,
        "content-type": "application/json",
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    return { status: response.status, body: await response.json().catch(() => undefined) };
  };
}

describe("the stand-in's email provider and custom-email-provider trigger", () => {
  it("answers 404 with no provider, wants a deployed Action for custom, then allows one provider", async () => {
    api = await startManagementApiStandIn({ readsUntilBuilt: 0 });
    const call = await client(api);
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
    const created = (await call("POST", "/actions/actions", { ...action, code: "x" })).body;
    expect(await call("POST", "/actions/actions", { ...action, name: "b" })).toMatchObject({
      status: 403,
      body: { errorCode: "actions_cardinality_custom_email_provider_not_allowed" },
    });
    const binding = { bindings: [{ ref: { type: "action_id", value: created.id } }] };
    expect(
      (await call("PATCH", "/actions/triggers/custom-email-provider/bindings", binding)).status,
    ).toBe(400);
    // A read sees the draft built; once deployed it binds to its own trigger only.
    await call("GET", `/actions/actions/${created.id}`);
    expect((await call("POST", `/actions/actions/${created.id}/deploy`)).status).toBe(202);
    expect(
      (await call("PATCH", "/actions/triggers/custom-phone-provider/bindings", binding)).status,
    ).toBe(400);
    expect(
      (await call("PATCH", "/actions/triggers/custom-email-provider/bindings", binding)).status,
    ).toBe(200);
    expect(api.state.bindings).toEqual({
      "custom-phone-provider": [],
      "custom-email-provider": [created.id],
    });

    expect((await call("POST", "/emails/provider", custom)).status).toBe(201);
    expect((await call("POST", "/emails/provider", custom)).status).toBe(409);
    expect(await call("GET", "/emails/provider")).toEqual({
      status: 200,
      body: { name: "custom", enabled: true },
    });
  });
});
