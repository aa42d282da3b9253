// A tiny login with MFA for the example test. SMS: it issues a random 6-digit
// code, hands it to `deliver` (the test posts it to the inbox as the Auth0
// Action would) and signs the user in only with that code. Authenticator: a
// user enrolled with a TOTP secret (as `auth0:enrol -- --authenticator` does
// at Auth0) signs in only with the code of the current 30-second step, as a
// strict verifier would (Auth0 does not document its window).
import { randomInt } from "node:crypto";
import { readFileSync } from "node:fs";
import { createServer, type IncomingMessage } from "node:http";
import { totpAt } from "functions/authenticator/totp";

export interface OtpLoginApp {
  url: string;
  /** The code issued for each email (the latest), to check what the page accepted. */
  issued: Map<string, string>;
  /** Codes the app accepted, in order. */
  accepted: string[];
  close(): Promise<void>;
}

const page = readFileSync(new URL("./otp-login-page.html", import.meta.url), "utf8");

async function readJson(req: IncomingMessage): Promise<Record<string, unknown>> {
  let body = "";
  for await (const chunk of req) body += chunk;
  return JSON.parse(body || "{}") as Record<string, unknown>;
}

export async function startOtpLoginApp(
  deliver: (code: string, email: string) => Promise<void>,
  /** Users enrolled with an authenticator: lower-case email → the secret's key. */
  authenticators: ReadonlyMap<string, Uint8Array> = new Map(),
): Promise<OtpLoginApp> {
  const issued = new Map<string, string>();
  const accepted: string[] = [];
  const server = createServer(async (req, res) => {
    try {
      if (req.method === "GET" && req.url === "/") {
        res.writeHead(200, { "content-type": "text/html; charset=utf-8" }).end(page);
      } else if (req.method === "POST" && req.url === "/login") {
        const email = String((await readJson(req)).email ?? "").toLowerCase();
        // An enrolled user is asked for their authenticator's code: nothing is sent.
        if (!authenticators.has(email)) {
          const code = String(randomInt(0, 1_000_000)).padStart(6, "0");
          issued.set(email, code);
          await deliver(code, email);
        }
        res.writeHead(204).end();
      } else if (req.method === "POST" && req.url === "/verify") {
        const { email, code } = await readJson(req);
        const key = typeof email === "string" ? authenticators.get(email.toLowerCase()) : undefined;
        const expected = key
          ? totpAt(key, Date.now()).code
          : typeof email === "string"
            ? issued.get(email.toLowerCase())
            : undefined;
        const ok = expected !== undefined && expected === code;
        if (ok) accepted.push(String(code));
        res.writeHead(ok ? 200 : 401).end();
      } else {
        res.writeHead(404).end();
      }
    } catch {
      res.writeHead(500).end();
    }
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as { port: number };
  return {
    url: `http://127.0.0.1:${port}/`,
    issued,
    accepted,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
