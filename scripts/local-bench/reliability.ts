// `npm run test:reliability`: the webhook under hostile input, duplicates,
// floods of junk, load, a Firestore outage and a function restart, on the
// production runtime (the built function on @google-cloud/functions-framework,
// what Cloud Run functions runs) against the stack's Firestore (Google's
// emulator when present, else the in-memory one; SMS_INBOX_FIRESTORE picks).
// Every check fails the run (exit 1); the figures are printed as a table.
//
//   npm run test:reliability                      (CI profile: a few minutes)
//   npm run test:reliability -- --profile full    (the README's figures)
import { type ChildProcess, spawn } from "node:child_process";
import { createRequire } from "node:module";
import { connect } from "node:net";
import { dirname, join } from "node:path";
import { parseArgs } from "node:util";
import { chooseFirestore } from "@sms-inbox/local-stack/firestore-choice";
import { probeFirestore } from "@sms-inbox/local-stack/firestore-probe";
import { freePort } from "@sms-inbox/local-stack/ports";
import { startStackFirestore } from "@sms-inbox/local-stack/stack-firestore";
import { REPO_ROOT } from "@sms-inbox/operator/cli/repo-facts";
import { adminFirestore } from "@sms-inbox/operator/firestore/admin";
import fc from "fast-check";
import { COLLECTIONS } from "functions/contract/firestore-schema";
import { DEMO_PROJECT_ID } from "functions/contract/local-stack";
import { MESSAGE_TYPES } from "functions/contract/notification";
import { REFUSALS } from "functions/contract/refusals";

const PROFILES = {
  ci: { fuzz: 2_000, junk: 2_000, soak: 1_500, rate: 60, faultLoad: 300 },
  full: { fuzz: 5_000, junk: 10_000, soak: 20_000, rate: 60, faultLoad: 2_000 },
} as const;
const { values } = parseArgs({
  options: { profile: { type: "string", default: "ci" } },
});
const profileName = values.profile as keyof typeof PROFILES;
const profile = PROFILES[profileName];
if (!profile) throw new Error(`--profile must be one of ${Object.keys(PROFILES).join(", ")}`);

const HOST = "127.0.0.1";
const SECRET = "reliability-secret-not-used-anywhere-else";
const failures: string[] = [];
const table: [string, string][] = [];
const check = (ok: boolean, what: string) => {
  if (!ok) failures.push(what);
  console.log(`${ok ? "  ✔" : "  ✖"} ${what}`);
};
const note = (what: string, figure: string | number) => {
  table.push([what, String(figure)]);
};

// --- the stack's pieces -----------------------------------------------------
const firestorePort = await freePort(HOST);
const choice = chooseFirestore(await probeFirestore());
const firestore = await startStackFirestore({
  choice,
  host: HOST,
  port: firestorePort,
  projectId: DEMO_PROJECT_ID,
  repoRoot: REPO_ROOT,
  interruptible: true,
  log: () => {},
});
process.env.FIRESTORE_EMULATOR_HOST = `${HOST}:${firestorePort}`;
process.env.METADATA_SERVER_DETECTION = "none";
const db = adminFirestore(DEMO_PROJECT_ID);
console.log(`Firestore: ${choice.reason}; profile ${profileName}`);

const functionPort = await freePort(HOST);
const url = `http://${HOST}:${functionPort}/`;
const frameworkBin = join(
  dirname(createRequire(import.meta.url).resolve("@google-cloud/functions-framework")),
  "main.js",
);
let server: ChildProcess | undefined;
async function startFunction() {
  server = spawn(
    process.execPath,
    [
      frameworkBin,
      "--target=otp",
      `--source=${join(REPO_ROOT, "functions")}`,
      `--port=${functionPort}`,
    ],
    {
      env: {
        ...process.env,
        NODE_ENV: "production",
        GCLOUD_PROJECT: DEMO_PROJECT_ID,
        OTP_WEBHOOK_SECRET: SECRET,
        OTP_RETENTION_MINUTES: "10",
      },
      stdio: ["ignore", "ignore", "ignore"],
    },
  );
  for (let i = 0; i < 300; i++) {
    if (server.exitCode !== null) throw new Error("functions-framework exited");
    const up = await fetch(url).then(
      (r) => r.status === 405,
      () => false,
    );
    if (up) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error("functions-framework did not answer");
}
async function stopFunction(signal: NodeJS.Signals = "SIGTERM") {
  const running = server;
  if (!running || running.exitCode !== null) return;
  const exited = new Promise((resolve) => running.once("exit", resolve));
  running.kill(signal);
  await exited;
}

interface Reply {
  status: number;
  headers: Headers;
  body: unknown;
}
async function post(
  body: unknown,
  headers: Record<string, string> = {},
  token: string | null = SECRET,
): Promise<Reply> {
  const response = await fetch(url, {
    method: "POST",
    headers: {
      "content-type": "application/json",
      ...(token === null ? {} : { authorization: `Bearer ${token}` }),
      ...headers,
    },
    body: typeof body === "string" ? body : JSON.stringify(body),
    signal: AbortSignal.timeout(30_000),
  });
  const text = await response.text();
  let parsed: unknown = text;
  try {
    parsed = JSON.parse(text);
  } catch {}
  return { status: response.status, headers: response.headers, body: parsed };
}
const isJsonError = (body: unknown) =>
  typeof body === "object" &&
  body !== null &&
  "error" in body &&
  typeof (body as { error: { code?: unknown } }).error.code === "string" &&
  typeof (body as { error: { message?: unknown } }).error.message === "string";

const count = async (collection: string, tenant?: string) =>
  (
    await (tenant
      ? db.collection(collection).where("tenant", "==", tenant)
      : db.collection(collection)
    )
      .count()
      .get()
  ).data().count;

async function clear() {
  for (const name of [COLLECTIONS.codes, COLLECTIONS.refusals]) {
    await db.recursiveDelete(db.collection(name));
  }
}

/** Sends `total` calls at `rate` per second, at most `inFlight` at once. */
async function steady<T>(
  total: number,
  rate: number,
  inFlight: number,
  call: (n: number) => Promise<T>,
): Promise<{ results: T[]; seconds: number }> {
  const results: T[] = [];
  const started = performance.now();
  let active = 0;
  const pending: Promise<void>[] = [];
  for (let n = 0; n < total; n++) {
    const due = started + (n * 1000) / rate;
    const wait = due - performance.now();
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
    while (active >= inFlight) await Promise.race(pending);
    active += 1;
    const p: Promise<void> = call(n).then((result) => {
      results[n] = result;
      active -= 1;
      pending.splice(pending.indexOf(p), 1);
    });
    pending.push(p);
  }
  await Promise.all(pending);
  return { results, seconds: (performance.now() - started) / 1000 };
}

// --- hostile HTTP, over a raw socket where fetch would tidy it up -------------
function raw(request: Buffer | string, options: { slowMs?: number } = {}): Promise<number> {
  return new Promise((resolve) => {
    const socket = connect(functionPort, HOST);
    let answer = "";
    socket.setTimeout(20_000, () => socket.destroy());
    socket.on("data", (chunk) => {
      answer += chunk.toString("latin1");
    });
    socket.on("close", () => resolve(Number(/^HTTP\/1\.1 (\d{3})/.exec(answer)?.[1] ?? 0)));
    socket.on("error", () => {});
    socket.on("connect", async () => {
      const bytes = Buffer.isBuffer(request) ? request : Buffer.from(request, "latin1");
      if (!options.slowMs) {
        socket.end(bytes);
        return;
      }
      for (let i = 0; i < bytes.length; i += 16) {
        socket.write(bytes.subarray(i, i + 16));
        await new Promise((r) => setTimeout(r, options.slowMs));
      }
      socket.end();
    });
  });
}
const head = (lines: string[], body: Buffer | string, length?: number) => {
  const bytes = Buffer.isBuffer(body) ? body : Buffer.from(body, "utf8");
  return Buffer.concat([
    Buffer.from(
      `POST / HTTP/1.1\r\nHost: ${HOST}\r\nConnection: close\r\n${lines.join("\r\n")}${lines.length ? "\r\n" : ""}Content-Length: ${length ?? bytes.length}\r\n\r\n`,
      "latin1",
    ),
    bytes,
  ]);
};
const auth = `Authorization: Bearer ${SECRET}`;
const json = "Content-Type: application/json";
const invalidBody = JSON.stringify({ recipient: "0400", code: "1" });

/** Cases no payload generator reaches: the HTTP layer itself. */
const rawCases: { name: string; send: () => Promise<number> }[] = [
  {
    name: "huge header",
    send: () => raw(head([auth, json, `X-Big: ${"a".repeat(70_000)}`], invalidBody)),
  },
  { name: "duplicate Authorization", send: () => raw(head([auth, auth, json], invalidBody)) },
  {
    name: "duplicate Content-Type",
    send: () => raw(head([auth, json, "Content-Type: text/plain"], invalidBody)),
  },
  { name: "no Content-Type", send: () => raw(head([auth], invalidBody)) },
  { name: "truncated body", send: () => raw(head([auth, json], '{"recipient":"+6140', 200)) },
  { name: "slow body", send: () => raw(head([auth, json], invalidBody), { slowMs: 50 }) },
  {
    name: "invalid UTF-8",
    send: () => raw(head([auth, json], Buffer.from([0x7b, 0x22, 0xff, 0xfe, 0x22, 0x7d]))),
  },
  {
    name: "body over the limit",
    send: () => raw(head([auth, json], `{"messageText":"${"x".repeat(40_000)}"}`)),
  },
  {
    name: "deep JSON",
    send: () => raw(head([auth, json], `${"[".repeat(10_000)}${"]".repeat(10_000)}`)),
  },
  { name: "lying Content-Length", send: () => raw(head([auth, json], invalidBody, 5)) },
  { name: "garbage request line", send: () => raw("\x00\xff GARBAGE\r\n\r\n") },
];

const adversarialBody = fc.oneof(
  fc.jsonValue().map((v) => JSON.stringify(v)),
  fc.string({ unit: "grapheme", maxLength: 300 }),
  fc
    .record({
      recipient: fc.constantFrom(
        "+６１400000001",
        "\u202e+61400000001",
        "0400",
        "+0",
        "",
        "__proto__",
      ),
      code: fc.oneof(fc.constantFrom("１２３４５６", "١٢٣٤٥٦", "12 34", "\u0000"), fc.string()),
      messageType: fc.oneof(fc.constantFrom(...MESSAGE_TYPES), fc.string()),
    })
    .map(
      (v) =>
        `${JSON.stringify(v).slice(0, -1)},"__proto__":{"polluted":true},"constructor":{"prototype":{"polluted":true}}}`,
    ),
  fc
    .integer({ min: 1, max: 2_000 })
    .map((w) => `{${Array.from({ length: w }, (_, i) => `"k${i}":[]`).join(",")}}`),
);
const adversarialHeaders = fc.record({
  "content-type": fc.constantFrom(
    "application/json",
    "application/JSON; charset=utf-8",
    "text/plain",
    "application/jsonx",
    "",
  ),
  authorization: fc.constantFrom(
    `Bearer ${SECRET}`,
    "Bearer wrong",
    `bearer ${SECRET} extra`,
    "",
    "Basic abc",
  ),
  // Non-ASCII as raw UTF-8 bytes: what a sender's bytes look like on the wire.
  "idempotency-key": fc.constantFrom(
    "k",
    " ",
    "x".repeat(300),
    Buffer.from("ключ").toString("latin1"),
    "ok-key-1",
  ),
});

try {
  await startFunction();
  await clear();

  // --- hostile input --------------------------------------------------------
  console.log("\nHostile input");
  const generated = fc.sample(
    fc.tuple(adversarialBody, adversarialHeaders),
    profile.fuzz - rawCases.length * 5,
  );
  const fuzzStarted = Date.now();
  const statuses = new Map<number, number>();
  let notJson = 0;
  let platform = 0;
  const tally = (status: number) => statuses.set(status, (statuses.get(status) ?? 0) + 1);
  await steady(generated.length, 500, 20, async (n) => {
    const [body, headers] = generated[n] ?? ["", {}];
    const cleaned = Object.fromEntries(Object.entries(headers).filter(([, v]) => v !== ""));
    const reply = await post(body, cleaned, null).catch(() => ({
      status: 0,
      headers: new Headers(),
      body: "",
    }));
    tally(reply.status);
    // The function's own answers carry Cache-Control: no-store; the platform's
    // (functions-framework's body parser, Node's HTTP server) do not.
    if (reply.headers.get("cache-control") !== "no-store") platform += 1;
    else if (!isJsonError(reply.body)) notJson += 1;
  });
  const rawStatuses: string[] = [];
  for (let round = 0; round < 5; round++) {
    for (const c of rawCases) {
      const status = await c.send();
      tally(status);
      if (round === 0) rawStatuses.push(`${c.name} ${status}`);
    }
  }
  const fuzzTotal = generated.length + rawCases.length * 5;
  const fiveHundreds = [...statuses]
    .filter(([s]) => s >= 500 || s === 0)
    .reduce((a, [, c]) => a + c, 0);
  const accepted = [...statuses].filter(([s]) => s < 400).reduce((a, [, c]) => a + c, 0);
  console.log(
    `  statuses: ${[...statuses]
      .sort()
      .map(([s, c]) => `${s}×${c}`)
      .join(" ")}`,
  );
  console.log(`  raw cases: ${rawStatuses.join(", ")}`);
  check(fiveHundreds === 0, `${fuzzTotal} adversarial requests: no 5xx and no dropped connection`);
  check(
    accepted === 0 && (await count(COLLECTIONS.codes)) === 0,
    "no adversarial request stored a code",
  );
  check(
    notJson === 0,
    `every refusal the function answered was a JSON error (${notJson} were not)`,
  );
  console.log(
    `  ${platform} refused by the platform before the function ran (its body parser's malformed JSON and size limit; Node's header limit): not JSON, not ours to shape`,
  );
  note("fuzz: refused by the platform (not JSON)", platform);
  check(({} as Record<string, unknown>).polluted === undefined, "Object.prototype unpolluted");
  const after = await post({ recipient: "+61400000001", code: "123456", tenant: "after-fuzz" });
  check(after.status === 201, "the function still stores a valid code afterwards");
  note("fuzz cases (HTTP)", fuzzTotal);
  note("fuzz: 5xx seen", fiveHundreds);

  // --- duplicates -----------------------------------------------------------
  console.log("\nDuplicates");
  const dupTenant = `dup-${Date.now()}`;
  const dups = await Promise.all(
    Array.from({ length: 50 }, () =>
      post(
        { recipient: "+61400000002", code: "246810", tenant: dupTenant },
        { "Idempotency-Key": dupTenant },
      ),
    ),
  );
  const ids = new Set(dups.map((r) => (r.body as { id?: string }).id));
  check(
    dups.every((r) => r.status === 201 || r.status === 200) &&
      dups.filter((r) => r.status === 201).length === 1,
    "50 concurrent deliveries with one Idempotency-Key: one 201, 49 × 200",
  );
  check(
    ids.size === 1 && (await count(COLLECTIONS.codes, dupTenant)) === 1,
    "one document, every caller got its id",
  );
  note("duplicate deliveries (one key)", "50 → 1 stored");

  // --- junk flood -----------------------------------------------------------
  console.log("\nRefusal trail under a flood");
  const junk = await steady(profile.junk, 1_000, 25, (n) =>
    post({ recipient: "+61400000001", code: String(100000 + n) }, {}, "wrong-secret").then(
      (r) => r.status,
    ),
  );
  // The fuzz run's refusals count too: they share the instance's minutes.
  const refusalDocs = await count(COLLECTIONS.refusals);
  const minutes = Math.floor(Date.now() / 60_000) - Math.floor(fuzzStarted / 60_000) + 1;
  check(
    junk.results.every((s) => s === 401),
    `${profile.junk} junk requests all refused 401`,
  );
  check(
    refusalDocs > 0 && refusalDocs <= REFUSALS.recordedPerMinute * minutes,
    `${fuzzTotal} fuzz and ${profile.junk} junk requests left ${refusalDocs} refusal documents (limit ${REFUSALS.recordedPerMinute}/minute/instance, ${minutes} minutes)`,
  );
  note("refused requests → refusal documents", `${fuzzTotal + profile.junk} → ${refusalDocs}`);

  // --- soak -----------------------------------------------------------------
  console.log("\nSoak");
  const soakTenant = `soak-${Date.now()}`;
  const soak = await steady(profile.soak, profile.rate, 50, (n) =>
    post(
      {
        recipient: `+614000${String(n % 1000).padStart(5, "0")}`,
        code: String(100000 + (n % 900000)),
        messageType: n % 7 === 0 ? "otp_enroll" : "otp_verify",
        deliveryMethod: n % 3 === 0 ? "voice" : "text",
        user: { email: `user${n % 13}@atko.email` },
        tenant: soakTenant,
      },
      { "Idempotency-Key": `${soakTenant}-${n}` },
    ).then(
      (r) => ({ status: r.status, id: (r.body as { id?: string }).id }),
      () => ({ status: 0, id: undefined }),
    ),
  );
  const soakOk = soak.results.filter((r) => r.status === 201);
  const soakStored = await db.collection(COLLECTIONS.codes).where("tenant", "==", soakTenant).get();
  const soakIds = new Set(soakStored.docs.map((d) => d.id));
  check(
    soakOk.length === profile.soak,
    `soak: ${profile.soak} calls at ${profile.rate}/s, all 201 (${(profile.soak / soak.seconds).toFixed(1)}/s achieved)`,
  );
  check(
    soakStored.size === soakOk.length && soakOk.every((r) => r.id && soakIds.has(r.id)),
    `soak: ${soakStored.size} stored, each answered id among them (lost 0, duplicated 0)`,
  );
  note("soak calls (functions-framework)", `${profile.soak} at ${profile.rate}/s`);
  note(
    "soak stored / lost / duplicated",
    `${soakStored.size} / ${profile.soak - soakStored.size} / ${soakStored.size - soakIds.size}`,
  );

  // --- faults ---------------------------------------------------------------
  for (const fault of ["firestore outage", "function restart"] as const) {
    console.log(`\nFault: ${fault} mid-load`);
    const tenant = `${fault.replace(" ", "-")}-${Date.now()}`;
    const replies: { status: number; id?: string; retryAfter: string | null; ms: number }[] = [];
    const injected = (async () => {
      await new Promise((resolve) => setTimeout(resolve, 1_500));
      if (fault === "firestore outage") {
        await firestore.interrupt();
        await new Promise((resolve) => setTimeout(resolve, 12_000));
        await firestore.restore();
      } else {
        await stopFunction("SIGKILL");
        await startFunction();
      }
    })();
    // Auth0's retry imitated: the same event, the same key, until stored.
    const load = steady(profile.faultLoad, 30, 20, async (n) => {
      for (let attempt = 0; attempt < 20; attempt++) {
        const started = performance.now();
        const reply = await post(
          { recipient: "+61400000003", code: String(200000 + n), tenant },
          { "Idempotency-Key": `${tenant}-${n}` },
        ).catch(() => undefined);
        replies.push({
          status: reply?.status ?? 0,
          id: (reply?.body as { id?: string } | undefined)?.id,
          retryAfter: reply?.headers.get("retry-after") ?? null,
          ms: performance.now() - started,
        });
        if (reply && (reply.status === 201 || reply.status === 200)) return reply;
        await new Promise((resolve) => setTimeout(resolve, 1_000));
      }
      return undefined;
    });
    await injected;
    const delivered = (await load).results;
    const stored = await db.collection(COLLECTIONS.codes).where("tenant", "==", tenant).get();
    const refusedDuring = replies.filter((r) => r.status !== 201 && r.status !== 200);
    const byStatus = new Map<number, number>();
    for (const r of refusedDuring) byStatus.set(r.status, (byStatus.get(r.status) ?? 0) + 1);
    console.log(
      `  retryable answers: ${[...byStatus].map(([s, c]) => `${s === 0 ? "connection error" : s}×${c}`).join(" ") || "none"}`,
    );
    check(
      refusedDuring.every((r) => r.status === 0 || (r.status === 503 && r.retryAfter !== null)),
      "during the fault: only 503 with Retry-After or a connection error, never a 500",
    );
    check(
      refusedDuring.every((r) => r.ms < 10_000),
      "every answer came within the sender's 10 s timeout (no hang)",
    );
    check(
      delivered.every((r) => r !== undefined),
      `all ${profile.faultLoad} deliveries stored after retries`,
    );
    check(
      stored.size === profile.faultLoad &&
        new Set(stored.docs.map((d) => d.get("code"))).size === profile.faultLoad,
      `stored exactly once each: ${stored.size} documents (lost 0, duplicated 0)`,
    );
    note(
      `fault: ${fault}`,
      `${profile.faultLoad} delivered, ${refusedDuring.length} retryable answers, recovered`,
    );
  }
} finally {
  await stopFunction();
  await firestore.stop();
}

console.log("\n| what | figure |\n| --- | --- |");
for (const [what, figure] of table) console.log(`| ${what} | ${figure} |`);
if (failures.length > 0) {
  console.error(`\n✖ ${failures.length} reliability check(s) failed:\n  ${failures.join("\n  ")}`);
  process.exit(1);
}
console.log("\n✔ every reliability check passed");
process.exit(0);
