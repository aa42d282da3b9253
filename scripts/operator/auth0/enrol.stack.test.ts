// The Auth0 commands with a real Firestore and webhook: enrolment writes the
// labels the inbox reads, and setup → enrol → test-sms puts a code in the
// inbox (the stand-in runs the deployed Action the way Auth0 would).
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import {
  type ManagementApiStandIn,
  startManagementApiStandIn,
} from "@sms-inbox/local-auth0-stand-in";
import { adminDb, stackEnv } from "@sms-inbox/local-stack/stack-test-helpers";
import { buildAction } from "action/build";
import { COLLECTIONS } from "functions/contract/firestore-schema";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { runCaptured, standInEnv } from "../cli/run-command-for-test.js";
import { readPhoneLabels } from "../firestore/phone-labels.js";
import { DEMO_USERS_EXAMPLE_PATH, readDemoUsersFile } from "./demo-users.js";
import { enrolCommand } from "./enrol.js";
import { setupCommand } from "./setup.js";
import { testSmsCommand } from "./test-sms.js";

let standIn: ManagementApiStandIn | undefined;
afterEach(async () => {
  await standIn?.close();
  standIn = undefined;
});
beforeAll(async () => {
  await buildAction();
});

function stackAuth0Env(api: ManagementApiStandIn): NodeJS.ProcessEnv {
  const env = stackEnv();
  return standInEnv(api, {
    OTP_WEBHOOK_URL: env.webhookUrl,
    OTP_WEBHOOK_SECRET: env.webhookSecret,
    FIRESTORE_EMULATOR_HOST: env.firestoreHost,
    GOOGLE_CLOUD_PROJECT: env.projectId,
  });
}

describe("auth0:enrol with the local Firestore", () => {
  it("enrols the example's demo users and writes their labels", async () => {
    standIn = await startManagementApiStandIn();
    const users = readDemoUsersFile(DEMO_USERS_EXAMPLE_PATH);
    for (const user of users) standIn.addUser(user.email);

    const run = await runCaptured(
      enrolCommand(),
      ["--file", DEMO_USERS_EXAMPLE_PATH],
      stackAuth0Env(standIn),
    );
    expect(run.err).toEqual([]);
    expect(run.code).toBe(0);
    expect(run.out).toContain(
      `✔ wrote ${users.length} labels to the local Firestore emulator at ${stackEnv().firestoreHost} (project ${stackEnv().projectId})`,
    );
    const labels = await readPhoneLabels(adminDb());
    for (const user of users) {
      expect(labels).toContainEqual({
        phoneNumber: user.phoneNumber,
        users: [{ label: user.email, email: user.email, order: user.order }],
        seen: [],
      });
    }
  });

  it("puts two users who share a number on its document, in file order, keeping who the webhook saw", async () => {
    standIn = await startManagementApiStandIn();
    for (const email of ["owner@atko.email", "admin@atko.email", "member@atko.email"])
      standIn.addUser(email);
    const db = adminDb();
    const shared = db.collection(COLLECTIONS.phoneLabels).doc("+61400000002");
    // What an older enrolment and the webhook left there.
    await shared.set({
      label: "owner@atko.email",
      seen: {
        u_1: { label: "guest@atko.email", email: "guest@atko.email", firstSeenAt: new Date() },
      },
    });
    const file = join(mkdtempSync(join(tmpdir(), "enrol-stack-")), "users.json");
    writeFileSync(
      file,
      JSON.stringify({
        "owner@atko.email": "+61400000001",
        "admin@atko.email": { phone: "+61400000002", label: "Admin (Alice)" },
        "member@atko.email": "+61400000002",
      }),
    );

    const run = await runCaptured(enrolCommand(), ["--file", file], stackAuth0Env(standIn));
    expect(run.err).toEqual([]);
    expect(run.out).toContain(
      `✔ wrote 2 labels to the local Firestore emulator at ${stackEnv().firestoreHost} (project ${stackEnv().projectId})`,
    );
    const labels = await readPhoneLabels(db);
    expect(labels.find((entry) => entry.phoneNumber === "+61400000002")).toEqual({
      phoneNumber: "+61400000002",
      users: [
        { label: "Admin (Alice)", email: "admin@atko.email", order: 1 },
        { label: "member@atko.email", email: "member@atko.email", order: 2 },
      ],
      seen: [
        { label: "guest@atko.email", email: "guest@atko.email", firstSeenAt: expect.any(Number) },
      ],
    });
  });

  it("writes labels only for users it could enrol", async () => {
    standIn = await startManagementApiStandIn();
    standIn.addUser("owner@atko.email");
    const db = adminDb();
    await db.collection(COLLECTIONS.phoneLabels).doc("+61400000099").delete();
    const file = join(mkdtempSync(join(tmpdir(), "enrol-stack-")), "users.json");
    writeFileSync(
      file,
      JSON.stringify({ "owner@atko.email": "+61400000001", "ghost@atko.email": "+61400000099" }),
    );

    const run = await runCaptured(enrolCommand(), ["--file", file], stackAuth0Env(standIn));
    expect(run.code).toBe(1);
    const labels = await readPhoneLabels(db);
    expect(labels).toContainEqual({
      phoneNumber: "+61400000001",
      users: [{ label: "owner@atko.email", email: "owner@atko.email", order: 0 }],
      seen: [],
    });
    expect(labels.map((label) => label.phoneNumber)).not.toContain("+61400000099");
  });
});

describe("setup, enrol and test-sms end to end", () => {
  it("a test SMS through the deployed Action arrives in the inbox", async () => {
    standIn = await startManagementApiStandIn({ runActionOnTestSend: true });
    standIn.addUser("owner@atko.email");
    const env = stackAuth0Env(standIn);

    const setup = await runCaptured(setupCommand({ pollDelaysMs: [5] }), [], env);
    expect(setup.code, setup.text).toBe(0);
    // The webhook check ran against the real function and accepted the secret.
    expect(setup.out).toContain("✔ the webhook accepts OTP_WEBHOOK_SECRET");

    const file = DEMO_USERS_EXAMPLE_PATH;
    const enrol = await runCaptured(enrolCommand(), ["--file", file], env);
    // Only owner exists in this tenant: the others are reported, owner is enrolled.
    expect(enrol.out).toContain("✔ owner@atko.email +61400000001: enrolled for SMS");

    const test = await runCaptured(testSmsCommand(), ["+61400000001"], env);
    expect(test.code, test.text).toBe(0);
    const sent = standIn.state.testSends[0];
    expect(sent?.outcome).toMatchObject({ drops: [], retries: [] });

    const stored = await adminDb()
      .collection(COLLECTIONS.codes)
      .where("recipient", "==", "+61400000001")
      .where("code", "==", sent?.outcome?.code ?? "")
      .get();
    expect(stored.docs.map((doc) => doc.data())).toEqual([
      expect.objectContaining({
        recipient: "+61400000001",
        messageType: "otp_verify",
        tenant: "stand-in",
      }),
    ]);
  });
});
