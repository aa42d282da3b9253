// What stack tests share: the stack's addresses, data resets, webhook calls,
// an Admin SDK client, and Firestore outages on demand.

import { adminFirestore } from "@sms-inbox/operator/firestore/admin";
import type { Firestore } from "firebase-admin/firestore";
import { STACK_CONTROL_VARIABLE } from "./stack-control.js";
import { type StackEnv, stackEnvFromProcess } from "./stack-env.js";

export const stackEnv = (): StackEnv => stackEnvFromProcess();

export const adminDb = (): Firestore => adminFirestore(stackEnv().projectId);

async function expectOk(response: Response, what: string) {
  if (!response.ok) throw new Error(`${what} failed: ${response.status} ${await response.text()}`);
}

/** HTTP 499: gRPC's CANCELLED, as the emulators' REST gateways answer it. */
const CANCELLED = 499;
const CLEAR_ATTEMPTS = 3;
const CLEAR_RETRY_MS = 200;

/**
 * Sends `request` again (up to `attempts` in all) while it answers 499. Google's
 * emulator answers a clear with 499 "call already cancelled" when a listener
 * of a process that just exited (a CLI under test) is still being torn down:
 * the clear did not happen, and a moment later it does.
 */
export async function retryWhileCancelled(
  request: () => Promise<Response>,
  attempts = CLEAR_ATTEMPTS,
  waitMs = CLEAR_RETRY_MS,
): Promise<Response> {
  for (let attempt = 1; ; attempt++) {
    const response = await request();
    if (response.status !== CANCELLED || attempt >= attempts) return response;
    await response.body?.cancel();
    await new Promise((resolve) => setTimeout(resolve, waitMs));
  }
}

export async function clearFirestore(): Promise<void> {
  const { firestoreHost, projectId } = stackEnv();
  const url = `http://${firestoreHost}/emulator/v1/projects/${projectId}/databases/(default)/documents`;
  const response = await retryWhileCancelled(() => fetch(url, { method: "DELETE" }));
  await expectOk(response, "clearing Firestore");
}

export async function clearAuth(): Promise<void> {
  const { authHost, projectId } = stackEnv();
  const url = `http://${authHost}/emulator/v1/projects/${projectId}/accounts`;
  await expectOk(await fetch(url, { method: "DELETE" }), "clearing Auth");
}

export interface WebhookCall {
  url?: string;
  method?: string;
  /** Defaults to the stack's secret; null sends no Authorization header. */
  token?: string | null;
  headers?: Record<string, string>;
  /** A value to JSON-encode, or a string sent as it is. */
  body?: unknown;
}

export interface WebhookReply {
  status: number;
  headers: Headers;
  /** Parsed JSON when the reply is JSON, else the text. */
  body: unknown;
}

export async function callWebhook(call: WebhookCall = {}): Promise<WebhookReply> {
  const env = stackEnv();
  const token = call.token === undefined ? env.webhookSecret : call.token;
  const headers: Record<string, string> = {
    "content-type": "application/json",
    ...(token === null ? {} : { authorization: `Bearer ${token}` }),
    ...call.headers,
  };
  const method = call.method ?? "POST";
  const body =
    call.body === undefined || method === "GET" || method === "HEAD"
      ? undefined
      : typeof call.body === "string"
        ? call.body
        : JSON.stringify(call.body);
  const response = await fetch(call.url ?? env.webhookUrl, { method, headers, body });
  const text = await response.text();
  const isJson = response.headers.get("content-type")?.includes("application/json");
  return {
    status: response.status,
    headers: response.headers,
    body: isJson ? JSON.parse(text) : text,
  };
}

async function control(path: string): Promise<void> {
  const base = process.env[STACK_CONTROL_VARIABLE];
  if (!base)
    throw new Error(`${STACK_CONTROL_VARIABLE} is not set: run inside the stack test project.`);
  await expectOk(await fetch(`${base}${path}`, { method: "POST" }), path);
}

/** Takes Firestore away (Google's emulator or the in-memory one); its data is lost. */
export const stopFirestore = () => control("/firestore/stop");
/** Brings Firestore back, empty (Google's with the rules loaded). */
export const startFirestore = () => control("/firestore/start");

/** Holds browsers' Listen channel: their listeners go silent, everything else passes. */
export const holdListenChannel = () => control("/firestore/listen/hold");
/** Lets the held Listen channel's bytes flow on. */
export const releaseListenChannel = () => control("/firestore/listen/release");

/**
 * Skips a test whose subject is the security rules' refusal: only Google's
 * Firestore emulator evaluates rules; the in-memory one lets every read through.
 */
export function skipUnlessRulesEnforced(ctx: { skip(condition: boolean, note: string): void }) {
  ctx.skip(
    stackEnv().firestoreKind !== "google",
    "the refusal comes from the security rules, which only Google's Firestore emulator " +
      "evaluates; this stack runs the in-memory Firestore (no rules)",
  );
}
