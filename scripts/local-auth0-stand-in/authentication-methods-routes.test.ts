// Users' authentication methods over HTTP, as `auth0:enrol` meets them: a
// totp method is created with its secret, listed and answered without it, a
// second one is refused, and deleting it makes room again.
import { describe, expect, it } from "vitest";
import { managementApi, standInPerTest } from "./testing.js";

const tenant = standInPerTest();
const SECRET = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP";

describe("the stand-in's authentication methods", () => {
  it("creates a totp method, never answers its secret, refuses a second and deletes it", async () => {
    const api = await tenant();
    const user = api.addUser("owner@atko.email");
    const call = await managementApi(api);
    const path = `/users/${encodeURIComponent(user.user_id)}/authentication-methods`;

    const created = await call("POST", path, {
      type: "totp",
      name: "Shared SMS Inbox",
      totp_secret: SECRET,
    });
    expect(created).toMatchObject({
      status: 201,
      body: { id: expect.stringMatching(/^totp\|dev_/), type: "totp", name: "Shared SMS Inbox" },
    });
    expect(JSON.stringify(created.body)).not.toContain(SECRET);
    // The tenant verifies codes against the secret it was given.
    expect(user.methods[0]).toMatchObject({ type: "totp", totp_secret: SECRET, confirmed: true });

    const listed = await call("GET", path);
    expect(listed.status).toBe(200);
    expect(JSON.stringify(listed.body)).not.toContain(SECRET);
    expect((listed.body as { authenticators: unknown[] }).authenticators).toEqual([
      expect.objectContaining({ type: "totp", name: "Shared SMS Inbox" }),
    ]);

    expect(await call("POST", path, { type: "totp", totp_secret: SECRET })).toMatchObject({
      status: 409,
    });
    expect(await call("POST", path, { type: "totp", totp_secret: "not base32!" })).toMatchObject({
      status: 400,
    });

    const id = (created.body as { id: string }).id;
    expect((await call("DELETE", `${path}/${encodeURIComponent(id)}`)).status).toBe(204);
    expect((await call("POST", path, { type: "totp", totp_secret: SECRET })).status).toBe(201);
  });

  it("answers 404 for a user it does not know", async () => {
    const call = await managementApi(await tenant());
    expect(
      await call("POST", "/users/auth0%7Cnobody/authentication-methods", {
        type: "totp",
        totp_secret: SECRET,
      }),
    ).toMatchObject({ status: 404 });
  });
});
