// A local stand-in for the inbox webhook that answers each request as the
// test plans it (stored, 5xx, too slow, connection dropped, refused…) and
// records what it received, so tests can run a built Action against the ways
// a real webhook behaves.
import { once } from "node:events";
import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";

export type PlannedAnswer =
  /** 201 with a stored id, when `accept` (the webhook's own validation) takes the body. */
  | "store"
  /** Any status with the webhook's `{"error":{code,message}}` body. */
  | { status: number; code: string; message: string }
  /** Never answers: the Action's time bound must end the wait. */
  | "hang"
  /** Closes the connection without an answer. */
  | "close";

export interface ReceivedRequest {
  method: string;
  path: string;
  headers: IncomingMessage["headers"];
  /** The raw body as sent, to compare sizes and look for what must not be there. */
  raw: string;
  body: unknown;
}

export interface FakeWebhook {
  url: string;
  received: ReceivedRequest[];
  /** Answers for the next requests, in order; then "store". */
  plan(...answers: PlannedAnswer[]): void;
  reset(): void;
  close(): Promise<void>;
}

/** `accept` returns why a body would be refused (a 400), or undefined to store it. */
export async function startFakeWebhook(
  accept: (body: unknown) => string | undefined,
): Promise<FakeWebhook> {
  const received: ReceivedRequest[] = [];
  let planned: PlannedAnswer[] = [];
  const server: Server = createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const raw = Buffer.concat(chunks).toString("utf8");
    let body: unknown;
    try {
      body = raw ? JSON.parse(raw) : undefined;
    } catch {
      body = undefined;
    }
    received.push({
      method: req.method ?? "",
      path: req.url ?? "/",
      headers: req.headers,
      raw,
      body,
    });
    const answer = planned.shift() ?? "store";
    const json = (status: number, payload: unknown) =>
      res.writeHead(status, { "content-type": "application/json" }).end(JSON.stringify(payload));
    if (answer === "hang") return;
    if (answer === "close") {
      req.socket.destroy();
      return;
    }
    if (answer !== "store") {
      json(answer.status, { error: { code: answer.code, message: answer.message } });
      return;
    }
    const refusal = accept(body);
    if (refusal) json(400, { error: { code: "invalid_request", message: refusal } });
    else json(201, { id: `doc-${received.length}` });
  });
  server.listen(0, "127.0.0.1");
  await once(server, "listening");
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/api/otp`,
    received,
    plan: (...answers) => {
      planned.push(...answers);
    },
    reset: () => {
      received.length = 0;
      planned = [];
    },
    close: async () => {
      server.closeAllConnections();
      server.close();
      await once(server, "close");
    },
  };
}

/** A local port where nothing listens: a connection to it is refused. */
export async function closedPortUrl(): Promise<string> {
  const probe = createServer();
  probe.listen(0, "127.0.0.1");
  await once(probe, "listening");
  const { port } = probe.address() as AddressInfo;
  probe.close();
  await once(probe, "close");
  return `http://127.0.0.1:${port}/api/otp`;
}
