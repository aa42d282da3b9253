// `npm start` as a newcomer meets it: it prints where everything is, the
// webhook takes a code with the printed secret, and Ctrl-C under load leaves
// no process of it running. It runs beside the test stack, on ports moved by the documented
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

/** Every process below `root` now, with its start time so a reused pid is not mistaken for it. */
function descendants(root: number): { pid: number; started: string; args: string }[] {
  const rows = execFileSync("ps", ["-eo", "pid=,ppid=,lstart=,args="], { encoding: "utf8" })
    .split("\n")
    .map((line) => /^\s*(\d+)\s+(\d+)\s+(\S+ \S+\s+\d+ \S+ \d+)\s+(.*)$/.exec(line))
    .filter((match) => match !== null)
    .map(([, pid, ppid, started, args]) => ({
      pid: Number(pid),
      ppid: Number(ppid),
      started: started ?? "",
      args: args ?? "",
    }));
  const found = new Set([root]);
  for (let grew = true; grew; ) {
    grew = false;
    for (const row of rows) {
      if (found.has(row.ppid) && !found.has(row.pid)) {
        found.add(row.pid);
        grew = true;
      }
    }
  }
  return rows.filter((row) => found.has(row.pid) && row.pid !== root);
}

function stillRunning<P extends { pid: number; started: string }>(processes: P[]): P[] {
  const now = new Map(
    execFileSync("ps", ["-eo", "pid=,lstart="], { encoding: "utf8" })
      .split("\n")
      .map((line) => /^\s*(\d+)\s+(.*\S)\s*$/.exec(line))
      .filter((match) => match !== null)
      .map(([, pid, started]) => [Number(pid), started ?? ""]),
  );
  return processes.filter((p) => now.get(p.pid) === p.started);
}

/** Keeps `concurrency` deliveries in flight until stopped; counts the answers. */
function loadWebhook(url: string, secret: string, concurrency: number) {
  let running = true;
  let answered = 0;
  const worker = async (n: number) => {
    while (running) {
      await fetch(url, {
        method: "POST",
        headers: { authorization: `Bearer ${secret}`, "content-type": "application/json" },
        body: JSON.stringify({
          recipient: `+6140000${String(n).padStart(4, "0")}`,
          code: "135790",
        }),
        signal: AbortSignal.timeout(30_000),
      }).then(
        async (reply) => {
          await reply.body?.cancel();
          answered += 1;
        },
        () => {},
      );
    }
  };
  const workers = Array.from({ length: concurrency }, (_, n) => worker(n));
  return {
    answered: () => answered,
    stop: async () => {
      running = false;
      await Promise.all(workers);
    },
  };
}

let child: ChildProcess | undefined;

afterAll(() => {
  // The test started it in a group of its own; nothing of it may outlive the test.
  if (child?.pid !== undefined && child.exitCode === null) process.kill(-child.pid, "SIGKILL");
});

describe("npm start", () => {
  it("prints the inbox, the webhook and its secret, takes a code, and stops cleanly on Ctrl-C under load", async () => {
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
        // Its own process group, like a terminal's foreground job, so a
        // signal to the group is what Ctrl-C sends.
        detached: true,
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

    // Ctrl-C while deliveries are in flight: the function workers are busy.
    const load = loadWebhook(`http://127.0.0.1:${PORTS.hosting}/api/otp`, secret ?? "", 10);
    while (load.answered() < 30) await new Promise((resolve) => setTimeout(resolve, 100));
    const stackProcesses = descendants(child.pid ?? 0);
    expect(stackProcesses.some((p) => p.args.includes("functionsEmulatorRuntime"))).toBe(true);
    process.kill(-(child.pid ?? 0), "SIGINT");
    expect(await exited).toBe(0);
    await load.stop();
    expect(output).toContain("Stopped.");
    expect(stillRunning(stackProcesses).map((p) => p.args)).toEqual([]);
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
