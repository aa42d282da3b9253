// A tiny login with SMS MFA for the example test: it issues a random 6-digit
// code, hands it to `deliver` (the test posts it to the inbox as the Auth0
// Action would) and signs the user in only with that code.
import { randomInt } from "node:crypto";
import { readFileSync } from "node:fs";
import { createServer, type IncomingMessage } from "node:http";

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
): Promise<OtpLoginApp> {
  const issued = new Map<string, string>();
  const accepted: string[] = [];
  const server = createServer(async (req, res) => {
    try {
      if (req.method === "GET" && req.url === "/") {
        res.writeHead(200, { "content-type": "text/html; charset=utf-8" }).end(page);
      } else if (req.method === "POST" && req.url === "/login") {
        const email = String((await readJson(req)).email ?? "").toLowerCase();
        const code = String(randomInt(0, 1_000_000)).padStart(6, "0");
        issued.set(email, code);
        await deliver(code, email);
        res.writeHead(204).end();
      } else if (req.method === "POST" && req.url === "/verify") {
        const { email, code } = await readJson(req);
        const ok = typeof email === "string" && issued.get(email.toLowerCase()) === code;
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
