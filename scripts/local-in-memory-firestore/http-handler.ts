// The HTTP/1.1 face of the in-memory Firestore: the WebChannel gateway for the
// browser SDK, plus the two emulator endpoints tooling relies on (GET / health
// check, DELETE …/documents to clear a project), like Google's emulator.
import type { IncomingMessage, ServerResponse } from "node:http";
import { parseForwardBody } from "./framing.js";
import type { ListenUpstream } from "./listen-upstream.js";
import { type ChannelRpc, type SessionLimits, WebChannelSession } from "./session.js";

export interface GatewayLimits extends SessionLimits {
  /** A session without a back channel for this long is dropped (tab closed, network gone). */
  sessionIdleMs: number;
  /** Largest forward-channel body accepted. */
  maxBodyChars: number;
}

export const DEFAULT_LIMITS: GatewayLimits = {
  keepaliveMs: 30_000,
  recycleStreamAtChars: 256 * 1024,
  maxRetainedChars: 4 * 1024 * 1024,
  sessionIdleMs: 60_000,
  maxBodyChars: 1024 * 1024,
};

export interface GatewayOptions {
  upstream: ListenUpstream;
  /** Deletes every document of a project (DELETE /emulator/v1/projects/{p}/databases/(default)/documents). */
  clearProject(projectId: string): void;
  log?: (line: string) => void;
  limits?: Partial<GatewayLimits>;
}

export interface Gateway {
  handle(req: IncomingMessage, res: ServerResponse): void;
  sessionCount(): number;
  close(): void;
}

const CHANNEL_PATH = /^\/google\.firestore\.v1\.Firestore\/(Listen|Write)\/channel$/;
const CLEAR_PATH = /^\/emulator\/v1\/projects\/([^/]+)\/databases\/\(default\)\/documents$/;
// REST calls of the lite SDK and of aggregations (getCountFromServer).
const REST_PATH = /^\/v1\/projects\/[^/]+\/databases\//;

class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

export function createGateway(options: GatewayOptions): Gateway {
  const limits: GatewayLimits = { ...DEFAULT_LIMITS, ...options.limits };
  const log = options.log ?? (() => {});
  const sessions = new Map<string, WebChannelSession>();

  const sweeper = setInterval(
    () => {
      const now = Date.now();
      for (const session of sessions.values()) {
        if (session.isIdle(now, limits.sessionIdleMs)) closeSession(session, "idle");
      }
    },
    Math.min(limits.sessionIdleMs / 2, 10_000),
  );
  sweeper.unref();

  function closeSession(session: WebChannelSession, reason: string): void {
    session.close();
    if (sessions.delete(session.id)) {
      log(`webchannel: ${session.rpc} session closed (${reason}), ${sessions.size} open`);
    }
  }

  async function handleChannel(
    req: IncomingMessage,
    res: ServerResponse,
    url: URL,
    rpc: ChannelRpc,
  ) {
    const query = url.searchParams;
    const sid = query.get("SID");
    const session = sid ? sessions.get(sid) : undefined;
    const aid = Number(query.get("AID") ?? "0") || 0;

    if (query.get("TYPE") === "terminate") {
      if (session) closeSession(session, "terminated by client");
      return send(req, res, 200, "");
    }
    if (!sid) {
      if (req.method !== "POST") throw new HttpError(400, "A WebChannel handshake must be a POST");
      const created = new WebChannelSession(rpc, options.upstream, limits);
      const body = parseForwardBody(await readBody(req, limits.maxBodyChars));
      sessions.set(created.id, created);
      log(`webchannel: ${rpc} session opened, ${sessions.size} open`);
      try {
        created.receive(body.maps);
      } catch (error) {
        closeSession(created, "bad handshake");
        throw error;
      }
      return send(req, res, 200, created.handshakeReply(), {
        "X-HTTP-Session-Id": created.httpSessionId,
      });
    }
    if (!session?.canResumeFrom(aid)) {
      if (session) closeSession(session, "client needs arrays already dropped");
      // The client fails fast on "Unknown SID" (at an index > 0) and the SDK
      // handshakes again: this is what makes a gateway restart recoverable.
      return send(req, res, 400, "Error: Unknown SID\n");
    }
    if (req.method === "GET" && query.get("RID") === "rpc") {
      return openBackChannel(req, res, session, aid, query);
    }
    if (req.method !== "POST") throw new HttpError(400, "Unexpected WebChannel request");
    const body = parseForwardBody(await readBody(req, limits.maxBodyChars));
    session.acknowledge(aid);
    session.receive(body.maps);
    return send(req, res, 200, session.forwardReply(aid));
  }

  function openBackChannel(
    req: IncomingMessage,
    res: ServerResponse,
    session: WebChannelSession,
    aid: number,
    query: URLSearchParams,
  ) {
    const streaming = query.get("CI") !== "1";
    const requestedHold = Number(query.get("TO"));
    const holdMs =
      requestedHold > 0 ? Math.min(requestedHold, limits.keepaliveMs) : limits.keepaliveMs;
    res.writeHead(200, responseHeaders(req));
    const sink = {
      write: (text: string) => res.write(text),
      end: (text?: string) => res.end(text),
    };
    res.on("close", () => session.release(sink));
    session.attach(sink, { aid, streaming, holdMs });
  }

  async function route(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? "/", "http://gateway.invalid");
    const path = decodeURIComponent(url.pathname);
    if (req.method === "OPTIONS") {
      return send(req, res, 204, "", {
        "Access-Control-Allow-Methods": "GET, POST, DELETE, OPTIONS",
        "Access-Control-Allow-Headers": req.headers["access-control-request-headers"] ?? "",
        "Access-Control-Max-Age": "600",
      });
    }
    const channel = CHANNEL_PATH.exec(path);
    if (channel) return handleChannel(req, res, url, channel[1] as ChannelRpc);
    if (path === "/" && req.method === "GET") return send(req, res, 200, "Ok.");
    const clear = CLEAR_PATH.exec(path);
    if (clear?.[1] && req.method === "DELETE") {
      options.clearProject(clear[1]);
      log(`in-memory firestore: cleared project ${clear[1]}`);
      return send(req, res, 200, "{}", { "Content-Type": "application/json" });
    }
    if (REST_PATH.test(path)) {
      const message = `${path} is not served by the local in-memory Firestore: only Listen (onSnapshot, getDoc, getDocs) works from the browser.`;
      const error = { error: { code: 501, message, status: "UNIMPLEMENTED" } };
      return send(req, res, 501, JSON.stringify(error), { "Content-Type": "application/json" });
    }
    throw new HttpError(404, `Not found: ${req.method} ${path}`);
  }

  return {
    handle(req, res) {
      route(req, res).catch((error: unknown) => {
        const status = error instanceof HttpError ? error.status : 400;
        const message = error instanceof Error ? error.message : String(error);
        log(`webchannel: ${req.method} ${req.url?.split("?")[0]} failed: ${status} ${message}`);
        if (!res.headersSent) send(req, res, status, `${message}\n`);
        else res.end();
      });
    },
    sessionCount: () => sessions.size,
    close() {
      clearInterval(sweeper);
      for (const session of sessions.values()) closeSession(session, "gateway stopped");
    },
  };
}

function responseHeaders(req: IncomingMessage, extra: Record<string, string> = {}) {
  const origin = req.headers.origin;
  // The channel XHRs send credentials, so "*" is not allowed: echo the origin.
  const cors: Record<string, string> = origin
    ? {
        "Access-Control-Allow-Origin": origin,
        "Access-Control-Allow-Credentials": "true",
        // The client reads both; unexposed, Chrome logs "Refused to get unsafe header".
        "Access-Control-Expose-Headers": "X-HTTP-Session-Id, X-Client-Wire-Protocol",
        Vary: "Origin",
      }
    : {};
  return {
    "Content-Type": "text/plain; charset=utf-8",
    "Cache-Control": "no-store",
    "X-Content-Type-Options": "nosniff",
    ...cors,
    ...extra,
  };
}

function send(
  req: IncomingMessage,
  res: ServerResponse,
  status: number,
  body: string,
  extra: Record<string, string> = {},
): void {
  res.writeHead(status, responseHeaders(req, extra));
  res.end(body);
}

function readBody(req: IncomingMessage, maxChars: number): Promise<string> {
  return new Promise((resolve, reject) => {
    let body = "";
    req.setEncoding("utf8");
    const onData = (text: string) => {
      body += text;
      if (body.length > maxChars) {
        req.off("data", onData);
        req.resume(); // drain the rest so the 413 can still be answered
        reject(new HttpError(413, `Request body larger than ${maxChars} characters`));
      }
    };
    req.on("data", onData);
    req.on("end", () => resolve(body));
    req.on("error", reject);
  });
}
