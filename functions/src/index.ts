// Deployed entry point: wires the webhook handler to a 2nd-gen HTTPS function.
import { initializeApp } from "firebase-admin/app";
import { getAuth } from "firebase-admin/auth";
import { getFirestore } from "firebase-admin/firestore";
import { logger } from "firebase-functions";
import { setGlobalOptions } from "firebase-functions/v2";
import { onRequest } from "firebase-functions/v2/https";
import { firestoreAccessState } from "./access/firestore-access.js";
import { firestoreAuthenticators } from "./authenticator/firestore-authenticators.js";
import { createAuthenticatorCodesHandler } from "./authenticator-codes/handler.js";
import { firestoreCodeFinder } from "./codes-api/firestore-code-finder.js";
import { createCodesApiHandler } from "./codes-api/handler.js";
import {
  CODES_API_CONCURRENCY,
  maxConcurrentWaits,
  minInstances,
  REGION,
  readToken,
  retentionMinutes,
  webhookSecret,
} from "./config.js";
import { CODES_API_LIMITS } from "./contract/codes-api.js";
import { firestoreCodeStore } from "./webhook/code-store.js";
import { createWebhookHandler } from "./webhook/handler.js";
import { firestoreRefusalLog } from "./webhook/refusal-log.js";

setGlobalOptions({ region: REGION, maxInstances: 10 });

initializeApp();

const db = getFirestore();
const handler = createWebhookHandler({
  secrets: () => webhookSecret.value(),
  retentionMinutes: () => retentionMinutes.value(),
  store: firestoreCodeStore(db),
  refusals: firestoreRefusalLog(db),
  log: (message, fields) => logger.info(message, fields),
});

// The webhook is server-to-server and must not answer browsers. `cors: false` is
// explicit because the Functions emulator otherwise wraps every function in an
// allow-all cors() (its FIREBASE_DEBUG_FEATURES enableCors), unlike production.
export const otp = onRequest(
  { secrets: [webhookSecret], invoker: "public", cors: false, minInstances },
  (req, res) =>
    handler({ method: req.method, header: (name) => req.get(name), rawBody: req.rawBody }, res),
);

const codesApi = createCodesApiHandler({
  tokens: () => readToken.value(),
  finder: firestoreCodeFinder(getFirestore()),
  authenticators: firestoreAuthenticators(getFirestore()),
  log: (message, fields) => logger.info(message, fields),
  maxConcurrentWaits: () => maxConcurrentWaits.value(),
});

// Waits are mostly idle listeners, so one instance holds hundreds (concurrency
// needs a whole CPU); the timeout leaves the longest wait room to answer.
export const codes = onRequest(
  {
    secrets: [readToken],
    invoker: "public",
    cors: false,
    concurrency: CODES_API_CONCURRENCY,
    cpu: 1,
    timeoutSeconds: CODES_API_LIMITS.maxWaitSeconds + 30,
  },
  (req, res) => {
    const hungUp = new AbortController();
    res.on("close", () => hungUp.abort());
    const query = new URLSearchParams(req.originalUrl.split("?")[1] ?? "");
    return codesApi(
      {
        method: req.method,
        path: req.path,
        query,
        header: (name) => req.get(name),
        signal: hungUp.signal,
      },
      res,
    );
  },
);

const authenticatorCodesApi = createAuthenticatorCodesHandler({
  tokens: () => readToken.value(),
  // checkRevoked: a disabled account or revoked session stops at once, not
  // when its ID token expires (at most an hour later).
  verifyIdToken: (idToken) => getAuth().verifyIdToken(idToken, true),
  accessState: firestoreAccessState(db),
  authenticators: firestoreAuthenticators(db),
  log: (message, fields) => logger.info(message, fields),
});

// The page's authenticator cards: every demo user's current and next code,
// for a signed-in reader on the allow-list (checked per request), anyone in
// public mode, or a machine with a read token. Same origin as the page
// through Hosting, so no CORS.
export const authenticatorCodes = onRequest(
  { secrets: [readToken], invoker: "public", cors: false },
  (req, res) =>
    authenticatorCodesApi(
      {
        method: req.method,
        path: req.path,
        query: new URLSearchParams(req.originalUrl.split("?")[1] ?? ""),
        header: (name) => req.get(name),
      },
      res,
    ),
);
