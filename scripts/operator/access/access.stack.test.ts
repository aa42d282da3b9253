// `npm run access` and seedLocalAccess against the local stack's Firestore
// and Auth emulator.

import { execFile } from "node:child_process";
import { join } from "node:path";
import { promisify } from "node:util";
import {
  adminDb,
  clearAuth,
  clearFirestore,
  stackEnv,
} from "@sms-inbox/local-stack/stack-test-helpers";
import { getAuth } from "firebase-admin/auth";
import { beforeEach, describe, expect, it } from "vitest";
import { EXIT } from "../cli/exit-codes.js";
import { adminApp } from "../firestore/admin.js";
import { LOCAL_PRESENTER, seedLocalAccess } from "./seed-local-access.js";

const CLI = join(import.meta.dirname, "cli.ts");

interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

async function access(args: string[], env: NodeJS.ProcessEnv = process.env): Promise<CliResult> {
  try {
    const { stdout, stderr } = await promisify(execFile)(
      process.execPath,
      ["--import", "tsx", CLI, ...args],
      { env, timeout: 30_000 },
    );
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code?: number; stdout?: string; stderr?: string };
    return { code: failed.code ?? -1, stdout: failed.stdout ?? "", stderr: failed.stderr ?? "" };
  }
}

const configDoc = (id: string) => adminDb().collection("config").doc(id).get();

describe("npm run access", () => {
  beforeEach(() => clearFirestore());

  it("adds, lists and removes addresses and domains, normalised, on the stack's emulator", async () => {
    const added = await access(["add", "Alice@Example.COM", "@Example.org", "alice@example.com"]);
    expect(added.code).toBe(0);
    expect(added.stdout).toContain(`the local Firestore emulator at ${stackEnv().firestoreHost}`);
    expect(added.stdout).toMatch(/Added: alice@example\.com/);
    expect(added.stdout).toMatch(/Added: @example\.org \(whole domain\)/);
    expect(added.stdout).toMatch(/Already on the list: alice@example\.com/);
    expect((await configDoc("access")).data()).toEqual({
      emails: ["alice@example.com"],
      domains: ["example.org"],
    });

    const removed = await access(["remove", "@example.org", "bob@example.com"]);
    expect(removed.code).toBe(0);
    expect(removed.stdout).toMatch(/Removed: @example\.org/);
    expect(removed.stdout).toMatch(/Not on the list: bob@example\.com/);
    expect(removed.stdout).toMatch(
      /emails: {2}alice@example\.com\n {2}domains: \(none\)\n {2}public mode: off/,
    );
    expect((await configDoc("access")).data()).toEqual({
      emails: ["alice@example.com"],
      domains: [],
    });
  });

  it("switches public mode on and off, and list shows it", async () => {
    const on = await access(["public", "on"]);
    expect(on.code).toBe(0);
    expect(on.stdout).toMatch(/Public mode is ON/);
    expect((await configDoc("public")).data()).toEqual({ enabled: true });
    expect((await access(["list"])).stdout).toMatch(/public mode: ON/);

    expect((await access(["public", "off"])).code).toBe(0);
    expect((await configDoc("public")).data()).toEqual({ enabled: false });
  });

  it("refuses bad input with usage and exit code 2, writing nothing", async () => {
    const result = await access(["add", "example.com"]);
    expect(result.code).toBe(EXIT.usage);
    expect(result.stderr).toMatch(/write alice@example\.com, or @example\.com/);
    expect(result.stderr).toMatch(/Usage: npm run access/);
    expect((await configDoc("access")).exists).toBe(false);
  });

  it("says so when no emulator answers instead of hanging", async () => {
    const result = await access(["list"], {
      ...process.env,
      FIRESTORE_EMULATOR_HOST: "127.0.0.1:9",
    });
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/Nothing answers at 127\.0\.0\.1:9.*npm start/);
  });
});

describe("seedLocalAccess", () => {
  beforeEach(async () => {
    await clearFirestore();
    await clearAuth();
  });

  const auth = () => getAuth(adminApp(stackEnv().projectId));
  const identityToolkit = (method: string) =>
    `http://${stackEnv().authHost}/identitytoolkit.googleapis.com/v1/accounts:${method}?key=demo-api-key`;
  const post = async (url: string, body: object) => {
    const response = await fetch(url, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(body),
    });
    expect(response.status, await response.clone().text()).toBe(200);
    return (await response.json()) as Record<string, unknown>;
  };

  it("allows the presenter and creates them verified, on every start without duplicates", async () => {
    const first = await seedLocalAccess(adminDb(), auth());
    const second = await seedLocalAccess(adminDb(), auth());
    expect(second).toEqual(first);
    expect(first.email).toBe(LOCAL_PRESENTER.email);
    expect(first.instructions.join("\n")).toContain(LOCAL_PRESENTER.email);
    expect(first.instructions.join("\n")).toContain(
      `http://${stackEnv().authHost}/emulator/v1/projects/${stackEnv().projectId}/oobCodes`,
    );

    expect((await configDoc("access")).data()).toEqual({
      emails: [LOCAL_PRESENTER.email],
      domains: [],
    });
    const user = await auth().getUser(first.uid);
    expect(user.email).toBe(LOCAL_PRESENTER.email);
    expect(user.emailVerified).toBe(true);
    expect(user.providerData.filter((info) => info.providerId === "google.com")).toHaveLength(1);
    expect((await auth().listUsers()).users).toHaveLength(1);
  });

  it("keeps entries already on the list", async () => {
    await adminDb()
      .doc("config/access")
      .set({ emails: ["alice@example.com"], domains: ["example.org"] });
    await seedLocalAccess(adminDb(), auth());
    expect((await configDoc("access")).data()).toEqual({
      emails: ["alice@example.com", LOCAL_PRESENTER.email],
      domains: ["example.org"],
    });
  });

  it("can be signed in to as printed: with the emulated Google account and with an email link", async () => {
    const { uid, email } = await seedLocalAccess(adminDb(), auth());

    // What the page's emulator-build Google sign-in sends: unsigned claims as the ID token.
    const claims = { sub: LOCAL_PRESENTER.googleRawId, email, email_verified: true };
    const google = await post(identityToolkit("signInWithIdp"), {
      requestUri: "http://127.0.0.1/",
      postBody: `id_token=${encodeURIComponent(JSON.stringify(claims))}&providerId=google.com`,
      returnSecureToken: true,
    });
    expect(google.localId).toBe(uid);
    expect((await auth().verifyIdToken(String(google.idToken))).email_verified).toBe(true);

    await post(identityToolkit("sendOobCode"), {
      requestType: "EMAIL_SIGNIN",
      email,
      continueUrl: stackEnv().inboxUrl,
      canHandleCodeInApp: true,
    });
    const listed = (await (
      await fetch(
        `http://${stackEnv().authHost}/emulator/v1/projects/${stackEnv().projectId}/oobCodes`,
      )
    ).json()) as { oobCodes: { email: string; requestType: string; oobCode: string }[] };
    const link = listed.oobCodes.find((c) => c.email === email && c.requestType === "EMAIL_SIGNIN");
    expect(link).toBeDefined();
    const viaLink = await post(identityToolkit("signInWithEmailLink"), {
      email,
      oobCode: link?.oobCode,
    });
    expect(viaLink.localId).toBe(uid);
    expect((await auth().verifyIdToken(String(viaLink.idToken))).email_verified).toBe(true);
  });

  it("refuses to seed anything but the local emulators", async () => {
    await expect(seedLocalAccess(adminDb(), auth(), {})).rejects.toThrow(/local emulators only/);
    expect((await configDoc("access")).exists).toBe(false);
  });
});
