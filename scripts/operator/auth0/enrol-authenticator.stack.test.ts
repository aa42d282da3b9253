// `auth0:enrol --authenticator` against the Management API stand-in and the
// local stack's Firestore: the secret Auth0 checks codes against is the one
// the inbox holds, a second run changes nothing, --reset replaces only ours,
// another authenticator (or one the inbox lost) is reported, a dry run changes
// nothing, and no secret is ever printed.
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import {
  ALL_SCOPES,
  type ManagementApiStandIn,
  type StoredTotpMethod,
  startManagementApiStandIn,
} from "@sms-inbox/local-auth0-stand-in";
import { adminDb, clearFirestore, stackEnv } from "@sms-inbox/local-stack/stack-test-helpers";
import {
  AUTHENTICATOR_COLLECTIONS,
  AUTHENTICATOR_METHOD_NAME,
} from "functions/contract/authenticator";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { runCaptured, standInEnv } from "../cli/run-command-for-test.js";
import { enrolCommand } from "./enrol.js";

const enrol = enrolCommand({ maxRetries: 1 });
const OWNER = "owner@atko.email";
const ADMIN = "admin@atko.email";

let standIn: ManagementApiStandIn | undefined;
beforeEach(() => clearFirestore());
afterEach(async () => {
  await standIn?.close();
  standIn = undefined;
});

function usersFile(users: Record<string, unknown>): string {
  const path = join(mkdtempSync(join(tmpdir(), "enrol-authenticator-")), "users.json");
  writeFileSync(path, JSON.stringify(users));
  return path;
}

async function tenantWith(...emails: string[]): Promise<ManagementApiStandIn> {
  standIn = await startManagementApiStandIn();
  for (const email of emails) standIn.addUser(email);
  return standIn;
}

const totpsOf = (api: ManagementApiStandIn, email: string): StoredTotpMethod[] =>
  api.state.users
    .find((user) => user.email === email)
    ?.methods.filter((method): method is StoredTotpMethod => method.type === "totp") ?? [];

async function inboxOf(email: string) {
  const key = `user:${email}`;
  const [meta, secret] = await Promise.all([
    adminDb().collection(AUTHENTICATOR_COLLECTIONS.authenticators).doc(key).get(),
    adminDb().collection(AUTHENTICATOR_COLLECTIONS.secrets).doc(key).get(),
  ]);
  return { meta: meta.data(), secret: secret.data()?.secret as string | undefined };
}

/** Runs enrol and checks that none of the tenant's secrets appears in what it printed. */
async function run(api: ManagementApiStandIn, argv: string[]) {
  const env = standInEnv(api, {
    FIRESTORE_EMULATOR_HOST: stackEnv().firestoreHost,
    GOOGLE_CLOUD_PROJECT: stackEnv().projectId,
  });
  const result = await runCaptured(enrol, [...argv, "--no-labels"], env);
  for (const user of api.state.users)
    for (const method of user.methods)
      if (method.type === "totp") expect(result.text).not.toContain(method.totp_secret);
  return result;
}

describe("auth0:enrol --authenticator", () => {
  it("enrols each user once: Auth0 and the inbox hold the same secret, and a second run changes nothing", async () => {
    const api = await tenantWith(OWNER, ADMIN);
    const file = usersFile({ [OWNER]: "+61400000001", [ADMIN]: "+61400000002" });

    const first = await run(api, ["--file", file, "--authenticator"]);
    expect(first.err).toEqual([]);
    expect(first.code).toBe(0);
    expect(first.out).toContain(`✔ ${OWNER} authenticator: enrolled with an authenticator`);
    expect(first.out).toContain(
      "Authenticators: 2 enrolled, 0 re-enrolled, 0 already in place, 0 not enrolled.",
    );
    const secrets = new Set<string>();
    for (const email of [OWNER, ADMIN]) {
      const [method, ...more] = totpsOf(api, email);
      expect(more).toEqual([]);
      expect(method).toMatchObject({ name: AUTHENTICATOR_METHOD_NAME, confirmed: true });
      const inbox = await inboxOf(email);
      expect(inbox.meta).toMatchObject({
        label: email,
        email,
        userId: api.state.users.find((user) => user.email === email)?.user_id,
        methodId: method?.id,
        name: AUTHENTICATOR_METHOD_NAME,
        source: "enrolled",
      });
      // 160 bits in base32: 32 characters, no padding.
      expect(inbox.secret).toMatch(/^[A-Z2-7]{32}$/);
      expect(inbox.secret).toBe(method?.totp_secret);
      secrets.add(inbox.secret ?? "");
    }
    expect(secrets.size).toBe(2);

    const changes = api.changes().length;
    const before = await inboxOf(OWNER);
    const second = await run(api, ["--file", file, "--authenticator"]);
    expect(second.code).toBe(0);
    expect(api.changes()).toHaveLength(changes);
    expect(second.out).toContain(`= ${OWNER} authenticator: already has the inbox's authenticator`);
    expect(second.out).toContain(
      "Authenticators: 0 enrolled, 0 re-enrolled, 2 already in place, 0 not enrolled.",
    );
    expect(await inboxOf(OWNER)).toEqual(before);
  });

  it("--reset gives ours a new secret, removing the old method before creating the new one", async () => {
    const api = await tenantWith(OWNER);
    const file = usersFile({ [OWNER]: "+61400000001" });
    await run(api, ["--file", file, "--authenticator"]);
    const [old] = totpsOf(api, OWNER);
    const changes = api.changes().length;

    const reset = await run(api, ["--file", file, "--authenticator", "--reset"]);
    expect(reset.err).toEqual([]);
    expect(reset.code).toBe(0);
    expect(reset.out).toContain(
      `✔ ${OWNER} authenticator: re-enrolled with a new authenticator secret (removed ${old?.id})`,
    );
    const [renewed, ...more] = totpsOf(api, OWNER);
    expect(more).toEqual([]);
    expect(renewed?.id).not.toBe(old?.id);
    expect(renewed?.totp_secret).not.toBe(old?.totp_secret);
    const inbox = await inboxOf(OWNER);
    expect(inbox.meta?.methodId).toBe(renewed?.id);
    expect(inbox.secret).toBe(renewed?.totp_secret);
    // The phone is reset too; the authenticator's old method goes before the new one comes.
    expect(
      api
        .changes()
        .slice(changes)
        .map(
          (request) =>
            `${request.method} ${decodeURIComponent(request.path.split("/").slice(-1)[0] ?? "")}`,
        ),
    ).toEqual([
      expect.stringMatching(/^DELETE phone\|dev_/),
      "POST authentication-methods",
      `DELETE ${old?.id}`,
      "POST authentication-methods",
    ]);
  });

  it("reports another authenticator and never replaces it, not even with --reset", async () => {
    const api = await tenantWith(OWNER);
    const foreign: StoredTotpMethod = {
      id: "totp|dev_presenter",
      type: "totp",
      name: "Presenter's phone",
      confirmed: true,
      created_at: "2024-01-01T00:00:00Z",
      totp_secret: "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ",
    };
    api.state.users[0]?.methods.push(foreign);
    const file = usersFile({ [OWNER]: "+61400000001" });

    for (const flags of [["--authenticator"], ["--authenticator", "--reset"]]) {
      const run1 = await run(api, ["--file", file, ...flags]);
      expect(run1.code).toBe(1);
      expect(run1.err).toContainEqual(
        expect.stringMatching(
          /^✖ owner@atko\.email authenticator: has an authenticator the inbox did not enrol \(“Presenter's phone”, totp\|dev_presenter\): never replaced, not even with --reset/,
        ),
      );
      expect(run1.out).toContain(
        "Authenticators: 0 enrolled, 0 re-enrolled, 0 already in place, 1 not enrolled.",
      );
      expect(totpsOf(api, OWNER)).toEqual([foreign]);
      expect(await inboxOf(OWNER)).toEqual({ meta: undefined, secret: undefined });
    }
  });

  it("reports ours when the inbox lost its secret, and --reset replaces it", async () => {
    const api = await tenantWith(OWNER);
    const file = usersFile({ [OWNER]: "+61400000001" });
    await run(api, ["--file", file, "--authenticator"]);
    const [lost] = totpsOf(api, OWNER);
    await clearFirestore();

    const plain = await run(api, ["--file", file, "--authenticator"]);
    expect(plain.code).toBe(1);
    expect(plain.err).toContainEqual(
      expect.stringMatching(
        /^✖ owner@atko\.email authenticator: has an authenticator named “Shared SMS Inbox” \(totp\|dev_\w+\) whose codes the inbox cannot compute .*run with --reset to replace it$/,
      ),
    );
    expect(totpsOf(api, OWNER)).toEqual([lost]);

    const reset = await run(api, ["--file", file, "--authenticator", "--reset"]);
    expect(reset.code).toBe(0);
    const [renewed] = totpsOf(api, OWNER);
    expect((await inboxOf(OWNER)).secret).toBe(renewed?.totp_secret);
  });

  it("gives one to the users the file marks, without the flag; a false mark keeps one from a user", async () => {
    const api = await tenantWith(OWNER, ADMIN);
    const file = usersFile({
      [OWNER]: { phone: "+61400000001", authenticator: true },
      [ADMIN]: { phone: "+61400000002", authenticator: false },
    });
    for (const flags of [[], ["--authenticator"]]) {
      const result = await run(api, ["--file", file, ...flags]);
      expect(result.code).toBe(0);
      expect(totpsOf(api, OWNER)).toHaveLength(1);
      expect(totpsOf(api, ADMIN)).toEqual([]);
      expect((await inboxOf(ADMIN)).meta).toBeUndefined();
    }
  });

  it("takes the pending secret out of the inbox again when Auth0 refuses the method", async () => {
    standIn = await startManagementApiStandIn({
      scopes: ALL_SCOPES.filter((scope) => scope !== "create:authentication_methods"),
    });
    const api = standIn;
    // The phone is already there, so the run gets as far as the authenticator.
    api.addUser(OWNER).methods.push({
      id: "phone|dev_1",
      type: "phone",
      phone_number: "+61400000001",
      preferred_authentication_method: "sms",
      confirmed: true,
      created_at: "2024-01-01T00:00:00Z",
    });
    const file = usersFile({ [OWNER]: "+61400000001" });

    const refused = await run(api, ["--file", file, "--authenticator"]);
    expect(refused.code).toBe(1);
    expect(refused.err).toEqual([
      expect.stringMatching(
        /^✖ The application is missing the scope create:authentication_methods/,
      ),
    ]);
    expect(totpsOf(api, OWNER)).toEqual([]);
    expect(await inboxOf(OWNER)).toEqual({ meta: undefined, secret: undefined });
  });

  it("changes nothing on a dry run, at Auth0 or in the inbox", async () => {
    const api = await tenantWith(OWNER);
    const file = usersFile({ [OWNER]: "+61400000001" });
    const dry = await run(api, ["--file", file, "--authenticator", "--dry-run"]);
    expect(dry.code).toBe(0);
    expect(api.changes()).toEqual([]);
    expect(dry.out).toContain(`✔ ${OWNER} authenticator: would be enrolled with an authenticator`);
    expect(dry.out).toContain(
      "Would have: Authenticators: 1 enrolled, 0 re-enrolled, 0 already in place, 0 not enrolled.",
    );
    expect(await inboxOf(OWNER)).toEqual({ meta: undefined, secret: undefined });
  });
});
