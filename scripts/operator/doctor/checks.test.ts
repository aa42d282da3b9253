// Each check's judgement on made-up answers: the ones a healthy deployment
// gives, and each way one goes wrong, with the fix it names.
import { describe, expect, it } from "vitest";
import { allPassed, type Check, formatResult, runChecks, summary } from "./check.js";
import { judgeAllowList } from "./checks/allow-list.js";
import { judgePublicMode, judgeReads } from "./checks/firestore.js";
import { judgeAuthHelper, judgePage } from "./checks/page.js";
import { judgeGet, judgeRefusals, judgeStore } from "./checks/webhook.js";
import type { HttpAnswer } from "./http.js";
import { localSecrets, localTarget, parseInboxUrl, remoteTarget } from "./target.js";

const answer = (
  status: number,
  headers: Record<string, string> = {},
  body: unknown = "",
): HttpAnswer => ({
  status,
  headers: new Headers(headers),
  text: typeof body === "string" ? body : JSON.stringify(body),
  ms: 12,
});

const CSP =
  "default-src 'self'; script-src 'self' https://apis.google.com; connect-src 'self' https://firestore.googleapis.com; frame-ancestors 'none'";
const PAGE_HEADERS = {
  "content-type": "text/html; charset=utf-8",
  "content-security-policy": CSP,
  "x-frame-options": "DENY",
  "x-content-type-options": "nosniff",
  "referrer-policy": "no-referrer",
  "strict-transport-security": "max-age=31536000",
};
const PAGE = '<html><body><div id="app"></div></body></html>';
const webhookError = (code: string) => ({ error: { code, message: "…" } });

describe("the page check", () => {
  const both = (a: HttpAnswer) => [
    { path: "/", answer: a },
    { path: "/otp", answer: a },
  ];

  it("passes the page with its headers, at / and /otp", () => {
    expect(judgePage(both(answer(200, PAGE_HEADERS, PAGE)), true)).toEqual({
      status: "pass",
      detail: "/ and /otp",
    });
  });

  it("names each missing header, and a local build's policy on a deployment", () => {
    const { "x-frame-options": _x, ...withoutFrameOptions } = PAGE_HEADERS;
    const verdict = judgePage(
      both(
        answer(
          200,
          {
            ...withoutFrameOptions,
            "content-security-policy": `${CSP.replace("frame-ancestors 'none'", "")} http://127.0.0.1:*`,
          },
          PAGE,
        ),
      ),
      true,
    );
    expect(verdict).toMatchObject({ status: "fail", fix: expect.stringMatching(/--only hosting/) });
    const problem = verdict.status === "fail" ? verdict.problem : "";
    expect(problem).toMatch(/X-Frame-Options is not DENY/);
    expect(problem).toMatch(/frame-ancestors/);
    expect(problem).toMatch(/127\.0\.0\.1/);
  });

  it("tells an unreachable site from a wrong one", () => {
    expect(judgePage(both({ ...answer(0), error: "ECONNREFUSED" }), false)).toMatchObject({
      status: "fail",
      fix: expect.stringMatching(/npm start/),
    });
    expect(judgePage(both(answer(200, PAGE_HEADERS, "<html>other</html>")), true)).toMatchObject({
      problem: expect.stringMatching(/not the inbox page/),
    });
  });
});

describe("the sign-in helper check", () => {
  it("fails when the page's anti-framing headers reach /__/auth/iframe", () => {
    expect(judgeAuthHelper(answer(200, { "x-frame-options": "DENY" }), false)).toMatchObject({
      status: "fail",
    });
    expect(
      judgeAuthHelper(answer(200, { "content-security-policy": "frame-ancestors 'none'" }), false),
    ).toMatchObject({ status: "fail" });
  });

  it("passes a framable helper; locally the emulator's 404 is enough", () => {
    expect(judgeAuthHelper(answer(200), false)).toEqual({ status: "pass", detail: "framable" });
    expect(
      judgeAuthHelper(answer(404, { "content-security-policy": "default-src 'none'" }), true),
    ).toMatchObject({ status: "pass" });
    expect(judgeAuthHelper(answer(404), false)).toMatchObject({ status: "fail" });
  });
});

describe("the webhook checks", () => {
  it("wants 405 to GET, and reports its time as the first request's", () => {
    expect(judgeGet(answer(405, {}, webhookError("method_not_allowed")))).toMatchObject({
      status: "pass",
      detail: expect.stringMatching(/405 to GET in 12 ms/),
    });
  });

  it("explains a missing function, a page in its place, and an organisation's 403", () => {
    expect(judgeGet(answer(404))).toMatchObject({
      fix: expect.stringMatching(/functions,hosting/),
    });
    expect(judgeGet(answer(200, {}, PAGE))).toMatchObject({
      problem: expect.stringMatching(/catch-all/),
    });
    expect(judgeGet(answer(403, {}, "<html>Error: Forbidden</html>"))).toMatchObject({
      problem: "403 from Google",
      fix: expect.stringMatching(/allUsers.*The webhook answers 403/),
    });
  });

  it("wants 401 without a token and with a wrong one, and calls out one that takes anything", () => {
    const refused = answer(401, {}, webhookError("unauthorized"));
    expect(judgeRefusals(refused, refused)).toMatchObject({ status: "pass" });
    expect(judgeRefusals(refused, answer(201, {}, { id: "x" }))).toMatchObject({
      status: "fail",
      problem: expect.stringMatching(/with a wrong token: 201.*takes codes from anyone/),
    });
    expect(judgeRefusals(answer(500, {}, webhookError("not_configured")), refused)).toMatchObject({
      problem: expect.stringMatching(/no OTP_WEBHOOK_SECRET/),
    });
  });

  it("stores with the secret, and names where a refused secret came from", () => {
    expect(judgeStore(answer(201, {}, { id: "k_1" }), ".env", "fix it")).toEqual({
      stored: { id: "k_1" },
    });
    expect(judgeStore(answer(401, {}, webhookError("unauthorized")), ".env", "fix it")).toEqual({
      status: "fail",
      problem: "the webhook refused the secret from .env (401): it is not the function's",
      fix: "fix it",
    });
    expect(judgeStore(answer(503, {}, webhookError("unavailable")), ".env", "x")).toMatchObject({
      problem: expect.stringMatching(/Firestore/),
    });
  });
});

describe("the Firestore checks", () => {
  const denied = answer(403, {}, { error: { status: "PERMISSION_DENIED", message: "false" } });
  const reads = (codes: HttpAnswer, access: HttpAnswer = denied) => [
    { what: "otpCodes", answer: codes, publicWhenOn: true },
    { what: "phoneLabels", answer: denied, publicWhenOn: true },
    { what: "config/access", answer: access, publicWhenOn: false },
  ];

  it("passes when every read is refused", () => {
    expect(judgeReads(reads(denied), false)).toMatchObject({ status: "pass" });
  });

  it("fails on readable codes, unless public mode opens them; the allow-list never", () => {
    const open = answer(200, {}, { documents: [] });
    expect(judgeReads(reads(open), false)).toMatchObject({
      status: "fail",
      problem: "readable without signing in: otpCodes",
    });
    expect(judgeReads(reads(open), true)).toMatchObject({ status: "pass" });
    expect(judgeReads(reads(open, open), true)).toMatchObject({
      problem: "readable without signing in: config/access",
    });
  });

  it("tells a missing database or a disabled API from the rules", () => {
    const noDatabase = answer(
      404,
      {},
      {
        error: {
          status: "NOT_FOUND",
          message: "The database (default) does not exist for project p",
        },
      },
    );
    expect(judgeReads(reads(noDatabase), false)).toMatchObject({
      fix: expect.stringMatching(/Create database/),
    });
    const disabled = answer(
      403,
      {},
      {
        error: {
          status: "PERMISSION_DENIED",
          message: "Cloud Firestore API has not been used in project",
        },
      },
    );
    expect(judgeReads(reads(disabled), false)).toMatchObject({
      fix: expect.stringMatching(/enable the Cloud Firestore API/),
    });
  });

  it("reads public mode from config/public; a missing document is off", () => {
    expect(
      judgePublicMode(
        answer(404, {}, { error: { status: "NOT_FOUND", message: "Document x not found." } }),
      ),
    ).toEqual({
      on: false,
    });
    expect(
      judgePublicMode(answer(200, {}, { fields: { enabled: { booleanValue: true } } })),
    ).toEqual({
      on: true,
    });
    expect(
      judgePublicMode(answer(200, {}, { fields: { enabled: { stringValue: "true" } } })),
    ).toEqual({
      on: false,
    });
  });
});

describe("the allow-list check", () => {
  it("counts addresses and domains, and fails an empty list unless public mode is on", () => {
    const state = (emails: string[], domains: string[], publicMode = false) => ({
      access: { emails, domains },
      publicMode,
    });
    expect(judgeAllowList(state(["a@x.io"], ["x.io", "y.io"]))).toEqual({
      status: "pass",
      detail: "1 address and 2 domains",
    });
    expect(judgeAllowList(state([], []))).toMatchObject({
      status: "fail",
      fix: expect.stringMatching(/npm run access -- add/),
    });
    expect(judgeAllowList(state([], [], true))).toMatchObject({ status: "pass" });
  });
});

describe("the runner", () => {
  const context = {
    target: localTarget({
      host: "127.0.0.1",
      hostingPort: 5000,
      firestorePort: 8080,
      projectId: "demo-x",
      secrets: localSecrets({}, "functions/.secret.local"),
    }),
    http: async () => answer(0),
    admin: undefined,
    facts: {},
    allowPublic: false,
  };

  it("runs every check in order, times each, and turns a thrown error into a failure", async () => {
    let clock = 0;
    const checks: Check[] = [
      { name: "first", run: async () => ({ status: "pass" }) },
      {
        name: "second",
        run: async () => {
          throw new Error("boom");
        },
      },
      { name: "third", run: async () => ({ status: "skip", reason: "no admin access" }) },
    ];
    const results = await runChecks(checks, context, undefined, () => (clock += 5));
    expect(results.map((r) => [r.name, r.verdict.status, r.ms])).toEqual([
      ["first", "pass", 5],
      ["second", "fail", 5],
      ["third", "skip", 5],
    ]);
    expect(allPassed(results)).toBe(false);
    expect(formatResult(results[1] as (typeof results)[number])).toEqual([
      "✗ second: the check itself failed: boom (5 ms)",
      "    fix: see the message; run again once it is fixed",
    ]);
    expect(formatResult(results[2] as (typeof results)[number])).toEqual([
      "– third: skipped, no admin access",
    ]);
    expect(summary(results)).toBe("1 check failed (1 passed, 1 failed, 1 skipped).");
  });
});

describe("the target", () => {
  it("checks the local stack's addresses, and says where its secret lives", () => {
    const target = localTarget({
      host: "127.0.0.1",
      hostingPort: 5000,
      firestorePort: 8080,
      projectId: "demo-x",
      secrets: localSecrets({ OTP_WEBHOOK_SECRET: "new, old" }, "/repo/functions/.secret.local"),
    });
    expect(target.webhookUrl).toBe("http://127.0.0.1:5000/api/otp");
    // A sender uses the first of a rotation's two.
    expect(target.secrets.lookup("OTP_WEBHOOK_SECRET")).toEqual({
      value: "new",
      source: "/repo/functions/.secret.local",
    });
    expect(target.secrets.lookup("OTP_READ_TOKEN")).toBeUndefined();
    expect(target.firestore).toEqual({
      projectId: "demo-x",
      documentsUrl: "http://127.0.0.1:8080/v1/projects/demo-x/databases/(default)/documents",
    });
  });

  it("takes a deployment's project and key from its web config, or says what to pass", () => {
    const target = remoteTarget({
      origin: "https://p.web.app",
      env: { OTP_WEBHOOK_SECRET: "from-env" },
      projectId: undefined,
      apiKey: undefined,
      webConfig: { projectId: "p", apiKey: "AIza" },
      webConfigProblem: undefined,
    });
    expect(target.firestore).toMatchObject({ projectId: "p", apiKey: "AIza" });
    expect(target.secrets.lookup("OTP_WEBHOOK_SECRET")).toEqual({
      value: "from-env",
      source: "OTP_WEBHOOK_SECRET",
    });
    expect(target.secrets.fix("OTP_WEBHOOK_SECRET")).toMatch(/deploy:secrets -- --project p/);
    const unknown = remoteTarget({
      origin: "https://inbox.example.com",
      env: {},
      projectId: undefined,
      apiKey: undefined,
      webConfig: undefined,
      webConfigProblem: "https://inbox.example.com/__/firebase/init.json answered 404",
    });
    expect(unknown.firestore).toEqual({
      unknown: expect.stringMatching(/answered 404\): pass --project and --api-key/),
    });
  });

  it("accepts https URLs, and http only to this machine", () => {
    expect(parseInboxUrl("https://p.web.app/otp")).toBe("https://p.web.app");
    expect(parseInboxUrl("http://127.0.0.1:5000")).toBe("http://127.0.0.1:5000");
    expect(() => parseInboxUrl("http://p.web.app")).toThrow(/must be https/);
    expect(() => parseInboxUrl("p.web.app")).toThrow(/not a URL/);
  });
});
