// Deployed entry point: wires the webhook handler to a 2nd-gen HTTPS function.
import { initializeApp } from "firebase-admin/app";
import { getFirestore } from "firebase-admin/firestore";
import { logger } from "firebase-functions";
import { setGlobalOptions } from "firebase-functions/v2";
import { onRequest } from "firebase-functions/v2/https";
import { minInstances, REGION, retentionMinutes, webhookSecret } from "./config.js";
import { firestoreCodeStore } from "./webhook/code-store.js";
import { createWebhookHandler } from "./webhook/handler.js";

setGlobalOptions({ region: REGION, maxInstances: 10 });

initializeApp();

const handler = createWebhookHandler({
  secrets: () => webhookSecret.value(),
  retentionMinutes: () => retentionMinutes.value(),
  store: firestoreCodeStore(getFirestore()),
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
