// firestore.rules, evaluated by Google's Firestore emulator: the only thing
// that evaluates rules offline. The in-memory Firestore the stack falls back
// to has no rules engine, so there these tests are reported as skipped, with
// the reason, rather than passed.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import {
  assertFails,
  assertSucceeds,
  initializeTestEnvironment,
  type RulesTestEnvironment,
} from "@firebase/rules-unit-testing";
import { afterAll, beforeAll, beforeEach, describe, it } from "vitest";
import type { AccessConfig } from "../../functions/src/contract/firestore-schema.js";
import { stackEnvFromProcess } from "../local-stack/stack-env.js";

const RULES_PATH = join(import.meta.dirname, "..", "..", "firestore.rules");
const googleEmulator = process.env.SMS_INBOX_FIRESTORE_KIND === "google";
const SKIP_REASON =
  "needs Google's Firestore emulator (Java 21); this stack runs the in-memory Firestore, which evaluates no security rules";
if (!googleEmulator) console.warn(`firestore.rules tests SKIPPED: ${SKIP_REASON}`);

const PHONE = "+15550100001";
const ACCESS: AccessConfig = { emails: ["alice@individual.test"], domains: ["example.com"] };

type Db = ReturnType<ReturnType<RulesTestEnvironment["unauthenticatedContext"]>["firestore"]>;

describe.skipIf(!googleEmulator)(
  googleEmulator ? "firestore.rules" : `firestore.rules — SKIPPED: ${SKIP_REASON}`,
  () => {
    let env: RulesTestEnvironment;
    let uidCounter = 0;

    beforeAll(async () => {
      const { projectId, firestoreHost } = stackEnvFromProcess();
      const separator = firestoreHost.lastIndexOf(":");
      env = await initializeTestEnvironment({
        projectId,
        firestore: {
          host: firestoreHost.slice(0, separator),
          port: Number(firestoreHost.slice(separator + 1)),
          rules: readFileSync(RULES_PATH, "utf8"),
        },
      });
    });
    afterAll(async () => {
      await env?.cleanup();
    });
    beforeEach(async () => {
      await env.clearFirestore();
    });

    /** A code, a label and, when given, the two config documents, written past the rules. */
    async function seed(config: { access?: object; publicMode?: unknown } = { access: ACCESS }) {
      await env.withSecurityRulesDisabled(async (context) => {
        const db = context.firestore();
        await db.doc("otpCodes/code-1").set({ recipient: PHONE, code: "123456", label: "Alice" });
        await db.doc(`phoneLabels/${PHONE}`).set({ label: "Alice" });
        if (config.access) await db.doc("config/access").set(config.access);
        if (config.publicMode !== undefined) {
          await db.doc("config/public").set({ enabled: config.publicMode });
        }
      });
    }

    const signedOut = (): Db => env.unauthenticatedContext().firestore();
    const signedIn = (email: string | undefined, emailVerified?: boolean): Db => {
      uidCounter += 1;
      return env
        .authenticatedContext(`user-${uidCounter}`, {
          ...(email === undefined ? {} : { email }),
          ...(emailVerified === undefined ? {} : { email_verified: emailVerified }),
        })
        .firestore();
    };

    // Every way the page reads codes and labels: one document, and the collections.
    const reads = (db: Db): Promise<unknown>[] => [
      db.doc("otpCodes/code-1").get(),
      db.collection("otpCodes").get(),
      db.collection("otpCodes").orderBy("recipient").limit(10).get(),
      db.doc(`phoneLabels/${PHONE}`).get(),
      db.collection("phoneLabels").get(),
    ];
    const expectCanRead = (db: Db) => Promise.all(reads(db).map((read) => assertSucceeds(read)));
    const expectCannotRead = (db: Db) => Promise.all(reads(db).map((read) => assertFails(read)));

    describe("signed out", () => {
      it("reads no codes or labels", async () => {
        await seed();
        await expectCannotRead(signedOut());
      });

      it("reads config/public (for the banner), present or not, but never config/access", async () => {
        await seed();
        await assertSucceeds(signedOut().doc("config/public").get());
        await seed({ access: ACCESS, publicMode: false });
        await assertSucceeds(signedOut().doc("config/public").get());
        await assertFails(signedOut().doc("config/access").get());
        await assertFails(signedOut().collection("config").get());
      });
    });

    describe("signed in", () => {
      beforeEach(() => seed());

      it("reads nothing with an unverified email, even one on the list", async () => {
        await expectCannotRead(signedIn("alice@individual.test", false));
        await expectCannotRead(signedIn("alice@individual.test"));
        await expectCannotRead(signedIn("bob@example.com", false));
      });

      it("reads nothing without an email", async () => {
        await expectCannotRead(signedIn(undefined, true));
      });

      it("reads codes and labels with a verified email on the list", async () => {
        await expectCanRead(signedIn("alice@individual.test", true));
      });

      it("reads codes and labels with a verified email at an allowed domain", async () => {
        await expectCanRead(signedIn("bob@example.com", true));
      });

      it("ignores case on both sides of the @", async () => {
        await expectCanRead(signedIn("ALICE@Individual.Test", true));
        await expectCanRead(signedIn("Bob@EXAMPLE.COM", true));
      });

      it.each([
        "bob@example.com.evil.io",
        "bob@evilexample.com",
        "bob@sub.example.com",
        "bob@example.co",
        "bob@example.com.",
        "bob@evil.io@example.com",
        "alice@individual.test.evil.io",
        "xalice@individual.test",
        "alice@individual.testx",
        "carol@elsewhere.test",
      ])("refuses the look-alike or unlisted %s", async (email) => {
        await expectCannotRead(signedIn(email, true));
      });

      it("never reads the allow-list itself", async () => {
        await assertFails(signedIn("alice@individual.test", true).doc("config/access").get());
      });
    });

    describe("allow-list document", () => {
      it("denies everyone while config/access does not exist", async () => {
        await seed({});
        await expectCannotRead(signedIn("alice@individual.test", true));
      });

      it("works with only one of its lists present", async () => {
        await seed({ access: { domains: ["example.com"] } });
        await expectCanRead(signedIn("bob@example.com", true));
        await expectCannotRead(signedIn("alice@individual.test", true));
      });
    });

    describe("public mode", () => {
      it("lets anyone read codes and labels while enabled is true", async () => {
        await seed({ access: ACCESS, publicMode: true });
        await expectCanRead(signedOut());
        await expectCanRead(signedIn("carol@elsewhere.test", false));
      });

      it("still hides the allow-list", async () => {
        await seed({ access: ACCESS, publicMode: true });
        await assertFails(signedOut().doc("config/access").get());
      });

      it.each([false, "true", 1, null])("stays off for enabled: %j", async (enabled) => {
        await seed({ access: ACCESS, publicMode: enabled });
        await expectCannotRead(signedOut());
      });
    });

    describe("client writes and deletes", () => {
      // Every target exists, so update and delete fail on the rules, not on NOT_FOUND.
      const existing = [
        "otpCodes/code-1",
        `phoneLabels/${PHONE}`,
        "config/access",
        "config/public",
        "config/other",
        "somethingElse/doc",
      ];
      const created = ["otpCodes/new-code", "phoneLabels/+15550100002", "config/new", "other/new"];
      const writers: [string, () => Db][] = [
        ["signed out", signedOut],
        ["an allowed user", () => signedIn("alice@individual.test", true)],
        ["an allowed-domain user", () => signedIn("bob@example.com", true)],
      ];

      for (const publicMode of [false, true]) {
        describe(publicMode ? "with public mode on" : "with public mode off", () => {
          beforeEach(async () => {
            await seed({ access: ACCESS, publicMode });
            await env.withSecurityRulesDisabled(async (context) => {
              const db = context.firestore();
              await db.doc("config/other").set({ label: "seeded" });
              await db.doc("somethingElse/doc").set({ label: "seeded" });
            });
          });

          it.each(writers)("are all denied for %s", async (_who, connect) => {
            const db = connect();
            for (const path of existing) {
              await assertFails(db.doc(path).set({ enabled: true, emails: ["x@evil.io"] }));
              await assertFails(db.doc(path).set({ label: "x" }, { merge: true }));
              await assertFails(db.doc(path).update({ label: "x" }));
              await assertFails(db.doc(path).delete());
            }
            for (const path of created) {
              await assertFails(db.doc(path).set({ recipient: PHONE, code: "000000" }));
            }
            await assertFails(db.collection("otpCodes").add({ recipient: PHONE, code: "000000" }));
            const batch = db.batch();
            batch.delete(db.doc("otpCodes/code-1"));
            await assertFails(batch.commit());
          });
        });
      }
    });
  },
);
