// `auth0:enrol` against the Management API stand-in (labels are covered by
// enrol.stack.test.ts, which has a Firestore).
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import {
  type ManagementApiStandIn,
  startManagementApiStandIn,
} from "@sms-inbox/local-auth0-stand-in";
import type { ManagementClient } from "auth0";
import { ManagementError } from "auth0";
import { afterEach, describe, expect, it } from "vitest";
import { runCaptured, standInEnv } from "../cli/run-command-for-test.js";
import { enrolCommand, labelsFor } from "./enrol.js";
import { enrolUser } from "./enrol-user.js";

const enrol = enrolCommand({ maxRetries: 1 });
const dir = mkdtempSync(join(tmpdir(), "auth0-enrol-test-"));
let files = 0;
function usersFile(users: Record<string, unknown>): string {
  files += 1;
  const path = join(dir, `users-${files}.json`);
  writeFileSync(path, JSON.stringify(users));
  return path;
}

let standIn: ManagementApiStandIn | undefined;
async function tenantWith(...emails: string[]) {
  standIn = await startManagementApiStandIn();
  for (const email of emails) standIn.addUser(email);
  return standIn;
}
afterEach(async () => {
  await standIn?.close();
  standIn = undefined;
});

const phonesOf = (api: ManagementApiStandIn, email: string) =>
  api.state.users
    .find((user) => user.email === email)
    ?.methods.flatMap((method) => (method.type === "phone" ? [method.phone_number] : []));

describe("auth0:enrol", () => {
  it("enrols every known user, and a second run changes nothing", async () => {
    const api = await tenantWith("owner@atko.email", "admin@atko.email");
    const file = usersFile({
      "owner@atko.email": "+61400000001",
      "Admin@atko.email": "+61400000002",
    });
    const first = await runCaptured(enrol, ["--file", file, "--no-labels"], standInEnv(api));
    expect(first.err).toEqual([]);
    expect(first.code).toBe(0);
    expect(phonesOf(api, "owner@atko.email")).toEqual(["+61400000001"]);
    expect(phonesOf(api, "admin@atko.email")).toEqual(["+61400000002"]);
    expect(api.state.users[0]?.methods[0]).toMatchObject({
      type: "phone",
      preferred_authentication_method: "sms",
    });
    expect(first.out).toContain("✔ owner@atko.email +61400000001: enrolled for SMS");
    expect(first.out).toContain("2 enrolled, 0 re-enrolled, 0 already enrolled, 0 not enrolled.");

    const changes = api.changes().length;
    const second = await runCaptured(enrol, ["--file", file, "--no-labels"], standInEnv(api));
    expect(second.code).toBe(0);
    expect(api.changes()).toHaveLength(changes);
    expect(second.out).toContain("= owner@atko.email +61400000001: already enrolled");
    expect(second.out).toContain("0 enrolled, 0 re-enrolled, 2 already enrolled, 0 not enrolled.");
  });

  it("enrols two users who share one number, each on their own account", async () => {
    const api = await tenantWith("owner@atko.email", "admin@atko.email");
    const file = usersFile({
      "owner@atko.email": "+61400000001",
      "admin@atko.email": { phone: "+61400000001", label: "Admin (Alice)" },
    });
    const run = await runCaptured(enrol, ["--file", file, "--no-labels"], standInEnv(api));
    expect(run.err).toEqual([]);
    expect(run.code).toBe(0);
    expect(phonesOf(api, "owner@atko.email")).toEqual(["+61400000001"]);
    expect(phonesOf(api, "admin@atko.email")).toEqual(["+61400000001"]);
    expect(run.out).toContain("2 enrolled, 0 re-enrolled, 0 already enrolled, 0 not enrolled.");
  });

  it("reports invalid numbers and unknown users, enrols the rest, and exits non-zero", async () => {
    const api = await tenantWith("owner@atko.email");
    const file = usersFile({
      "owner@atko.email": "+61400000001",
      "typo@atko.email": "61400000002",
      "nobody@atko.email": "+61400000003",
    });
    const run = await runCaptured(enrol, ["--file", file, "--no-labels"], standInEnv(api));
    expect(run.code).toBe(1);
    expect(phonesOf(api, "owner@atko.email")).toEqual(["+61400000001"]);
    expect(run.err).toEqual([
      expect.stringMatching(/^✖ typo@atko\.email has "61400000002", which is not an E\.164 number/),
      expect.stringMatching(/^✖ nobody@atko\.email \+61400000003: no Auth0 user has this email/),
      "Fix the lines marked ✖ and run again: users already enrolled stay as they are.",
    ]);
    expect(run.out).toContain("1 enrolled, 0 re-enrolled, 0 already enrolled, 2 not enrolled.");
  });

  it("leaves another number alone unless --reset, which replaces it", async () => {
    const api = await tenantWith("owner@atko.email");
    const file = usersFile({ "owner@atko.email": "+61400000001" });
    const user = api.state.users[0];
    user?.methods.push({
      id: "phone|dev_old",
      type: "phone",
      phone_number: "+61499999999",
      preferred_authentication_method: "sms",
      confirmed: true,
      created_at: "2024-01-01T00:00:00Z",
    });

    const plain = await runCaptured(enrol, ["--file", file, "--no-labels"], standInEnv(api));
    expect(plain.code).toBe(1);
    expect(plain.err[0]).toMatch(
      /has \+61499999999 enrolled instead: run with --reset to replace it/,
    );
    expect(api.changes()).toEqual([]);

    const dry = await runCaptured(
      enrol,
      ["--file", file, "--no-labels", "--reset", "--dry-run"],
      standInEnv(api),
    );
    expect(dry.code).toBe(0);
    expect(dry.out).toContain(
      "✔ owner@atko.email +61400000001: would be re-enrolled for SMS (removed +61499999999)",
    );
    expect(api.changes()).toEqual([]);

    const reset = await runCaptured(
      enrol,
      ["--file", file, "--no-labels", "--reset"],
      standInEnv(api),
    );
    expect(reset.code).toBe(0);
    expect(phonesOf(api, "owner@atko.email")).toEqual(["+61400000001"]);
    expect(api.changes().map((request) => request.method)).toEqual(["DELETE", "POST"]);
  });

  it("resets an existing enrolment of the same number by re-creating it", async () => {
    const api = await tenantWith("owner@atko.email");
    const file = usersFile({ "owner@atko.email": "+61400000001" });
    await runCaptured(enrol, ["--file", file, "--no-labels"], standInEnv(api));
    const before = api.state.users[0]?.methods[0]?.id;
    const reset = await runCaptured(
      enrol,
      ["--file", file, "--no-labels", "--reset"],
      standInEnv(api),
    );
    expect(reset.code).toBe(0);
    expect(phonesOf(api, "owner@atko.email")).toEqual(["+61400000001"]);
    expect(api.state.users[0]?.methods[0]?.id).not.toBe(before);
    expect(reset.out).toContain("0 enrolled, 1 re-enrolled, 0 already enrolled, 0 not enrolled.");
  });

  it("changes nothing on a dry run", async () => {
    const api = await tenantWith("owner@atko.email");
    const file = usersFile({ "owner@atko.email": "+61400000001" });
    const run = await runCaptured(
      enrol,
      ["--file", file, "--dry-run", "--no-labels"],
      standInEnv(api),
    );
    expect(run.code).toBe(0);
    expect(api.changes()).toEqual([]);
    expect(run.out).toContain("✔ owner@atko.email +61400000001: would be enrolled for SMS");
  });

  it("checks the labels' Firestore answers before touching Auth0", async () => {
    const api = await tenantWith("owner@atko.email");
    const file = usersFile({ "owner@atko.email": "+61400000001" });
    const env = { ...standInEnv(api), FIRESTORE_EMULATOR_HOST: "127.0.0.1:1" };
    const run = await runCaptured(enrol, ["--file", file], env);
    expect(run.code).toBe(1);
    expect(run.err).toEqual([
      expect.stringMatching(
        /Nothing answers at 127\.0\.0\.1:1\. Start the local stack first \(npm start\).*GOOGLE_CLOUD_PROJECT.*--no-labels/,
      ),
    ]);
    expect(api.requests).toEqual([]);
  });

  it("with --authenticator needs the inbox's Firestore even for a dry run without labels", async () => {
    const api = await tenantWith("owner@atko.email");
    const file = usersFile({ "owner@atko.email": "+61400000001" });
    const env = { ...standInEnv(api), FIRESTORE_EMULATOR_HOST: "127.0.0.1:1" };
    const run = await runCaptured(
      enrol,
      ["--file", file, "--authenticator", "--no-labels", "--dry-run"],
      env,
    );
    expect(run.code).toBe(1);
    expect(run.err).toEqual([
      expect.stringMatching(
        /Nothing answers at 127\.0\.0\.1:1\..*The inbox holds the authenticators' secrets, so it must answer \(even for --dry-run\)\.$/,
      ),
    ]);
    expect(api.requests).toEqual([]);
  });

  it("stops at the first missing scope with one line", async () => {
    standIn = await startManagementApiStandIn({ scopes: ["read:users"] });
    standIn.addUser("owner@atko.email");
    const file = usersFile({
      "owner@atko.email": "+61400000001",
      "admin@atko.email": "+61400000002",
    });
    const run = await runCaptured(enrol, ["--file", file, "--no-labels"], standInEnv(standIn));
    expect(run.code).toBe(1);
    expect(run.err).toEqual([
      expect.stringMatching(/^✖ The application is missing the scope read:authentication_methods/),
    ]);
  });
});

describe("enrolUser", () => {
  it("treats a 409 from a concurrent enrolment as already enrolled", async () => {
    const conflict = new ManagementError({
      statusCode: 409,
      body: { message: "Authentication method already exists" },
    });
    const client = {
      users: {
        listUsersByEmail: async () => [{ user_id: "auth0|1" }],
        authenticationMethods: {
          list: async () => ({ data: [] }),
          create: async () => {
            throw conflict;
          },
        },
      },
    } as unknown as ManagementClient;
    const user = {
      email: "owner@atko.email",
      phoneNumber: "+61400000001",
      label: "owner@atko.email",
      order: 0,
    };
    expect(await enrolUser(client, user, { reset: false, dryRun: false })).toMatchObject({
      status: "already-enrolled",
      ok: true,
    });
  });
});

describe("labelsFor", () => {
  it("lists every enrolled user of a shared number, in file order, and skips the failed", () => {
    const result = (email: string, phoneNumber: string, order: number, ok = true) => ({
      user: { email, phoneNumber, label: email, order },
      status: ok ? ("enrolled" as const) : ("unknown-user" as const),
      detail: "",
      ok,
      accounts: [],
    });
    expect(
      labelsFor([
        result("b@atko.email", "+61400000001", 2),
        result("a@atko.email", "+61400000001", 0),
        result("c@atko.email", "+61400000002", 1, false),
      ]),
    ).toEqual([
      {
        phoneNumber: "+61400000001",
        users: [
          { label: "a@atko.email", email: "a@atko.email", order: 0 },
          { label: "b@atko.email", email: "b@atko.email", order: 2 },
        ],
      },
    ]);
  });
});
