// `npm start` as a newcomer meets it: it prints where everything is, the
// webhook takes a code with the printed secret, and SIGTERM leaves nothing
// running. It runs beside the test stack, on ports moved by the documented
// SMS_INBOX_<NAME>_PORT variables.
import { type ChildProcess, execFileSync, spawn } from "node:child_process";
import { createServer } from "node:net";
import { join } from "node:path";
import { REPO_ROOT } from "@sms-inbox/operator/cli/repo-facts";
import { EMULATOR_NAMES, portOverrideVariable } from "functions/contract/local-stack";
import { afterAll, describe, expect, it } from "vitest";
import { chooseFirestore } from "./firestore-choice.js";
import { probeFirestore } from "./firestore-probe.js";
import { localConfigName } from "./local-firebase-json.js";

const PORTS = {
  hub: 24400,
  hosting: 25000,
  functions: 25001,
  firestore: 28080,
  auth: 29099,
  logging: 24500,
};

const portFree = (port: number) =>
  new Promise<boolean>((resolve) => {
    const server = createServer();
    server.once("error", () => resolve(false));
    server.listen(port, "127.0.0.1", () => server.close(() => resolve(true)));
  });

let child: ChildProcess | undefined;

afterAll(() => {
  if (child?.exitCode === null) child.kill("SIGKILL");
});

describe("npm start", () => {
  it("prints the inbox, the webhook and its secret, takes a code, and stops cleanly on SIGTERM", async () => {
    const env: NodeJS.ProcessEnv = { ...process.env };
    // A child of the test stack must not inherit the test stack's addresses.
    for (const name of [
      "FIRESTORE_EMULATOR_HOST",
      "FIREBASE_AUTH_EMULATOR_HOST",
      "OTP_WEBHOOK_URL",
    ]) {
      delete env[name];
    }
    for (const name of EMULATOR_NAMES) env[portOverrideVariable(name)] = String(PORTS[name]);
    child = spawn(
      process.execPath,
      ["--import", "tsx", join(REPO_ROOT, "scripts/local-stack/start.ts")],
      {
        cwd: REPO_ROOT,
        env,
        stdio: ["ignore", "pipe", "pipe"],
      },
    );
    let output = "";
    child.stdout?.on("data", (chunk) => {
      output += chunk;
    });
    child.stderr?.on("data", (chunk) => {
      output += chunk;
    });
    const exited = new Promise<number | null>((resolve) => child?.once("exit", resolve));

    const deadline = Date.now() + 120_000;
    while (!output.includes("is running locally") && Date.now() < deadline) {
      if (child.exitCode !== null) throw new Error(`npm start exited early:\n${output}`);
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
    expect(output).toContain(`Inbox          http://127.0.0.1:${PORTS.hosting}/`);
    expect(output).toContain(`Webhook        http://127.0.0.1:${PORTS.hosting}/api/otp`);
    expect(output).toMatch(/Demo labels {4}9 numbers .*\+61400000001 → owner@atko\.email/);
    expect(output).toMatch(/Sign in as presenter@sms-inbox\.test/);
    const secret = /Webhook secret (\S+)/.exec(output)?.[1];
    expect(secret).toBeTruthy();

    const reply = await fetch(`http://127.0.0.1:${PORTS.hosting}/api/otp`, {
      method: "POST",
      headers: { authorization: `Bearer ${secret}`, "content-type": "application/json" },
      body: JSON.stringify({ recipient: "+61400000001", code: "424242" }),
    });
    expect(reply.status).toBe(201);

    // Which Firestore runs, and what that means, in one line.
    const firestoreLine = /^ {2}Firestore {6}(.+)$/m.exec(output)?.[1] ?? "";
    const anonymousList = await fetch(
      `http://127.0.0.1:${PORTS.firestore}/v1/projects/demo-sms-inbox/databases/(default)/documents/otpCodes`,
    );
    if (chooseFirestore(await probeFirestore()).kind === "google") {
      expect(firestoreLine).toMatch(/^Google's Firestore emulator .*: firestore\.rules enforced/);
      expect(anonymousList.status).toBe(403);
    } else {
      expect(firestoreLine).toMatch(/^in-memory Firestore .*NO security rules evaluated/);
    }

    child.kill("SIGTERM");
    expect(await exited).toBe(0);
    expect(output).toContain("Stopped.");
    for (const [name, port] of Object.entries(PORTS)) {
      expect(await portFree(port), `${name} port ${port} still taken`).toBe(true);
    }
    const leftovers = execFileSync("ps", ["-eo", "args"], { encoding: "utf8" })
      .split("\n")
      .filter(
        (line) =>
          line.includes(localConfigName(PORTS)) || line.includes(`--port ${PORTS.firestore}`),
      );
    expect(leftovers).toEqual([]);
  }, 180_000);
});
