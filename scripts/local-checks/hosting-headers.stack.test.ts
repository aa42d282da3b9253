// The security and caching headers of firebase.json, as the Hosting emulator
// serves them (it applies `hosting.headers` like production does), and the
// page actually working under that Content Security Policy.

import { launchChromium } from "@sms-inbox/local-stack/chromium";
import { stackEnv } from "@sms-inbox/local-stack/stack-test-helpers";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

type Policy = Map<string, string[]>;

function parseCsp(header: string | null): Policy {
  expect(header, "Content-Security-Policy header").toBeTruthy();
  const policy: Policy = new Map();
  for (const directive of (header ?? "").split(";")) {
    const [name, ...sources] = directive.trim().split(/\s+/);
    if (name) policy.set(name.toLowerCase(), sources);
  }
  return policy;
}

const sourcesOf = (policy: Policy, name: string): string[] =>
  policy.get(name) ?? policy.get("default-src") ?? [];

/** Whether a CSP source expression such as https://*.example.com or http://127.0.0.1:* allows a URL. */
function allows(source: string, url: string): boolean {
  const target = new URL(url);
  const match = /^(https?):\/\/(\*\.)?([^:/]+)(?::(\*|\d+))?$/.exec(source);
  if (!match) return false;
  const [, scheme, wildcard, host, port] = match;
  const hostOk = wildcard ? target.hostname.endsWith(`.${host}`) : target.hostname === host;
  const defaultPort = scheme === "https" ? "443" : "80";
  const portOk = port === "*" || (port ?? defaultPort) === (target.port || defaultPort);
  return `${scheme}:` === target.protocol && hostOk && portOk;
}

async function get(path: string): Promise<Response> {
  const response = await fetch(new URL(path, stackEnv().inboxUrl), { redirect: "manual" });
  await response.body?.cancel();
  return response;
}

describe("Hosting security headers", () => {
  let page: Response;
  let html: string;
  beforeAll(async () => {
    page = await fetch(stackEnv().inboxUrl);
    html = await page.text();
  });

  it("sends a Content Security Policy without inline or eval'd script", () => {
    const policy = parseCsp(page.headers.get("content-security-policy"));
    expect(policy.get("default-src")).toEqual(["'self'"]);
    for (const directive of ["script-src", "style-src", "connect-src", "frame-src", "img-src"]) {
      const sources = sourcesOf(policy, directive);
      for (const loose of [
        "'unsafe-inline'",
        "'unsafe-eval'",
        "'unsafe-hashes'",
        "*",
        "http:",
        "https:",
        "data:",
        "blob:",
      ]) {
        if (directive === "img-src" && loose === "data:") continue;
        expect(sources, `${directive} allows ${loose}`).not.toContain(loose);
      }
    }
    expect(policy.get("frame-ancestors")).toEqual(["'none'"]);
    expect(policy.get("object-src")).toEqual(["'none'"]);
    expect(policy.get("base-uri")).toEqual(["'none'"]);
  });

  it("lets the page reach Firestore and Auth in production and the emulators locally, nothing else", () => {
    const connect = sourcesOf(parseCsp(page.headers.get("content-security-policy")), "connect-src");
    const { firestoreHost, authHost } = stackEnv();
    for (const url of [
      "https://firestore.googleapis.com/google.firestore.v1.Firestore/Listen/channel",
      "https://identitytoolkit.googleapis.com/v1/accounts:signInWithIdp",
      "https://securetoken.googleapis.com/v1/token",
      `http://${firestoreHost}/google.firestore.v1.Firestore/Listen/channel`,
      `http://${authHost}/emulator/v1/projects/demo/oobCodes`,
    ]) {
      expect(
        connect.some((source) => allows(source, url)),
        url,
      ).toBe(true);
    }
    for (const url of [
      "https://evil.example/collect",
      "https://storage.googleapis.com/attacker-bucket/o",
      "http://10.0.0.1:8080/",
    ]) {
      expect(
        connect.some((source) => allows(source, url)),
        url,
      ).toBe(false);
    }
  });

  it("forbids framing, referrers and sniffing, and pins HTTPS", () => {
    expect(page.headers.get("x-frame-options")).toBe("DENY");
    expect(page.headers.get("referrer-policy")).toBe("no-referrer");
    expect(page.headers.get("x-content-type-options")).toBe("nosniff");
    const hsts = page.headers.get("strict-transport-security") ?? "";
    expect(Number(/max-age=(\d+)/.exec(hsts)?.[1])).toBeGreaterThanOrEqual(31_536_000);
  });

  // Firebase's sign-in helper pages live on the Hosting site too (the default
  // authDomain is <project>.firebaseapp.com): Google's popup flow frames
  // /__/auth/iframe and runs its own inline script there. The strict headers
  // are scoped to the page's own paths, so none of them reach these.
  it("leaves Firebase's reserved /__/auth/ pages framable, with none of the page's policy", async () => {
    for (const path of ["/__/auth/iframe", "/__/auth/handler"]) {
      const response = await get(path);
      expect(response.headers.get("x-frame-options"), path).toBeNull();
      // The emulator's own 404 says default-src 'none', which does not restrict framing.
      const policy = response.headers.get("content-security-policy") ?? "";
      expect(policy, path).not.toMatch(/frame-ancestors/);
      expect(policy, path).not.toContain("https://apis.google.com");
    }
    // The control: the page itself, on every path it answers, is not framable.
    for (const path of ["/", "/index.html", "/otp"]) {
      const response = await get(path);
      expect(response.headers.get("x-frame-options"), path).toBe("DENY");
      expect(response.headers.get("content-security-policy"), path).toMatch(
        /frame-ancestors 'none'/,
      );
    }
  });

  it("serves the page itself with no inline script or style for the policy to block", () => {
    const scripts = [...html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/gi)];
    expect(scripts.length).toBeGreaterThan(0);
    for (const [, attributes, body] of scripts) {
      expect(attributes).toMatch(/\bsrc=/);
      expect(body?.trim()).toBe("");
    }
    expect(html).not.toMatch(/<style\b/i);
    expect(html).not.toMatch(/\sstyle=/i);
    expect(html).not.toMatch(/\son[a-z]+=/i);
  });

  it("makes browsers revalidate the page on every visit, at / and at the seed's /otp", async () => {
    expect(page.headers.get("cache-control")).toBe("no-cache");
    const route = await fetch(new URL("/otp", stackEnv().inboxUrl));
    expect(route.status).toBe(200);
    expect(await route.text()).toBe(html);
    expect(route.headers.get("cache-control")).toBe("no-cache");
    expect(route.headers.get("content-security-policy")).toBe(
      page.headers.get("content-security-policy"),
    );
  });

  // A catch-all rewrite would answer these with the page: a mistyped webhook URL
  // would look delivered (200), and a missing asset would be the page, cached for a year.
  it("answers unknown paths and missing assets with 404, not with the page", async () => {
    for (const path of ["/api/otp-typo", "/assets/index-missing00.js", "/some/route"]) {
      expect((await get(path)).status, path).toBe(404);
    }
  });

  it("caches the hashed assets the page loads for a year, immutable", async () => {
    const assets = [...html.matchAll(/(?:src|href)="(\/assets\/[^"]+)"/g)].map(
      (match) => match[1] as string,
    );
    expect(assets.length).toBeGreaterThan(0);
    for (const asset of assets) {
      // Vite names every asset after a hash of its content.
      expect(asset).toMatch(/-[A-Za-z0-9_-]{8,}\.\w+$/);
      const response = await get(asset);
      expect(response.status).toBe(200);
      expect(response.headers.get("cache-control")).toBe("public, max-age=31536000, immutable");
      expect(response.headers.get("x-content-type-options")).toBe("nosniff");
    }
  });
});

describe("the page under its Content Security Policy", () => {
  let browser: Awaited<ReturnType<typeof launchChromium>>;
  beforeAll(async () => {
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it("renders and reaches the emulators without a policy violation; other origins are blocked", async () => {
    const page = await browser.newPage();
    await page.addInitScript(() => {
      const seen: string[] = [];
      Object.assign(window, { cspViolations: seen });
      document.addEventListener("securitypolicyviolation", (event) => {
        seen.push(`${event.effectiveDirective} blocked ${event.blockedURI}`);
      });
    });
    const violations = () =>
      page.evaluate(() => (window as unknown as { cspViolations: string[] }).cspViolations);
    await page.goto(stackEnv().inboxUrl);
    // Rendered: the app filled its root (the signed-out screen), which needs the bundle.
    await page.waitForFunction(
      () => (document.getElementById("app")?.textContent ?? "").trim() !== "",
    );
    // The stylesheet applied: a blocked one leaves no rules behind.
    const cssRules = await page.evaluate(() =>
      Array.from(document.styleSheets).reduce((count, sheet) => count + sheet.cssRules.length, 0),
    );
    expect(cssRules).toBeGreaterThan(0);

    // connect-src as the browser enforces it: no-cors requests resolve unless the policy blocks them.
    const reach = (url: string) =>
      page.evaluate(
        (target) =>
          fetch(target, { mode: "no-cors" }).then(
            () => "sent",
            (error: Error) => error.name,
          ),
        url,
      );
    const { firestoreHost, authHost } = stackEnv();
    expect(await reach(`http://${firestoreHost}/`)).toBe("sent");
    expect(await reach(`http://${authHost}/`)).toBe("sent");
    expect(await violations()).toEqual([]);

    // The control: an origin the policy does not name is refused and reported.
    expect(await reach("https://collector.invalid/steal")).toBe("TypeError");
    await page.waitForFunction(
      () => (window as unknown as { cspViolations: string[] }).cspViolations.length > 0,
    );
    expect(await violations()).toEqual(["connect-src blocked https://collector.invalid/steal"]);
    await page.close();
  });
});
