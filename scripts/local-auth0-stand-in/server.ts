// The stand-in's HTTP server: parses each request, answers the token
// endpoint, applies rate limits and bearer tokens, dispatches to the routes,
// and records every request with its status for the tests.
import { once } from "node:events";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { ApiError, apiErrorBody, errorAnswer } from "./auth0-error.js";
import { actionRoutes } from "./routes/actions.js";
import { emailProviderRoutes } from "./routes/email-provider.js";
import { guardianRoutes } from "./routes/guardian.js";
import { phoneProviderRoutes } from "./routes/phone-providers.js";
import type { Route } from "./routes/route.js";
import { tenantSettingsRoutes } from "./routes/tenant-settings.js";
import { userRoutes } from "./routes/users.js";
import { addUser, emptyState, type StandInState, type StoredUser } from "./state.js";
import { ALL_SCOPES, tokenIssuer } from "./tokens.js";

export interface RecordedRequest {
  method: string;
  path: string;
  status: number;
}

export interface StandInOptions {
  clientId?: string;
  clientSecret?: string;
  /** Scopes granted to tokens; default ALL_SCOPES. */
  scopes?: readonly string[];
  /** Reads of an Action before a new build reports "built"; default 2. */
  readsUntilBuilt?: number;
  /** On a test send, run the deployed Action code for real (it then calls its webhook). */
  runActionOnTestSend?: boolean;
}

export interface ManagementApiStandIn {
  origin: string;
  clientId: string;
  clientSecret: string;
  state: StandInState;
  requests: RecordedRequest[];
  /** Requests that change the tenant (everything but reads and the token). */
  changes(): RecordedRequest[];
  /** The next `count` API requests whose path starts with `pathPrefix` get 429. */
  rateLimit(pathPrefix: string, count: number): void;
  addUser(email: string, name?: string): StoredUser;
  close(): Promise<void>;
}

async function readJson(req: IncomingMessage): Promise<Record<string, unknown>> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const text = Buffer.concat(chunks).toString("utf8");
  if (!text) return {};
  if ((req.headers["content-type"] ?? "").includes("application/x-www-form-urlencoded")) {
    return Object.fromEntries(new URLSearchParams(text));
  }
  try {
    return JSON.parse(text) as Record<string, unknown>;
  } catch {
    throw new ApiError(400, "Invalid JSON body");
  }
}

function send(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  if (body === undefined) {
    res.writeHead(status, headers).end();
    return;
  }
  res
    .writeHead(status, { "content-type": "application/json", ...headers })
    .end(JSON.stringify(body));
}

export async function startManagementApiStandIn(
  options: StandInOptions = {},
): Promise<ManagementApiStandIn> {
  const clientId = options.clientId ?? "stand-in-client";
  const clientSecret = options.clientSecret ?? "stand-in-client-secret";
  const scopes = new Set(options.scopes ?? ALL_SCOPES);
  const state = emptyState();
  const requests: RecordedRequest[] = [];
  const tokens = tokenIssuer({ clientId, clientSecret }, scopes);
  const limits: { prefix: string; left: number }[] = [];
  let origin = "";

  // Matched in order; the first route whose method and path match answers.
  const routes: Route[] = [
    ...actionRoutes(state, { readsUntilBuilt: options.readsUntilBuilt ?? 2 }),
    ...phoneProviderRoutes(state, { runActionOnTestSend: options.runActionOnTestSend ?? false }),
    ...emailProviderRoutes(state),
    ...tenantSettingsRoutes(state),
    ...guardianRoutes(state),
    ...userRoutes(state),
  ];

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<number> => {
    const url = new URL(req.url ?? "/", origin);
    const method = req.method ?? "GET";
    const body = method === "GET" || method === "DELETE" ? {} : await readJson(req);

    if (url.pathname === "/oauth/token" && method === "POST") {
      const [status, answer] = tokens.grant(body, req.headers.host);
      send(res, status, answer);
      return status;
    }

    const limit = limits.find(
      (candidate) => candidate.left > 0 && url.pathname.startsWith(candidate.prefix),
    );
    if (limit) {
      limit.left -= 1;
      send(res, 429, apiErrorBody(429, "Global limit has been reached"), { "retry-after": "1" });
      return 429;
    }
    if (!tokens.accepts(req.headers.authorization)) {
      send(res, 401, apiErrorBody(401, "Invalid token"));
      return 401;
    }
    for (const route of routes) {
      const match = route.method === method ? route.path.exec(url.pathname) : null;
      if (!match) continue;
      const [status, answer] = await route.handle({
        params: match.slice(1).map(decodeURIComponent),
        body,
        url,
        granted: scopes,
      });
      send(res, status, answer);
      return status;
    }
    send(res, 404, apiErrorBody(404, `No stand-in route for ${method} ${url.pathname}`));
    return 404;
  };

  const record = (req: IncomingMessage, status: number) =>
    requests.push({
      method: req.method ?? "GET",
      path: new URL(req.url ?? "/", origin).pathname,
      status,
    });

  const server = createServer((req, res) => {
    handle(req, res).then(
      (status) => record(req, status),
      (error: unknown) => {
        const { status, body } = errorAnswer(error);
        record(req, status);
        send(res, status, body);
      },
    );
  });
  server.listen(0, "127.0.0.1");
  await once(server, "listening");
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  return {
    origin,
    clientId,
    clientSecret,
    state,
    requests,
    changes: () =>
      requests.filter((request) => request.method !== "GET" && request.path !== "/oauth/token"),
    rateLimit: (prefix, count) => void limits.push({ prefix, left: count }),
    addUser: (email, name) => addUser(state, email, name),
    async close() {
      server.closeAllConnections();
      server.close();
      await once(server, "close").catch(() => undefined);
    },
  };
}
