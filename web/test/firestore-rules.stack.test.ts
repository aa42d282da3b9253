// firestore.rules, evaluated by Google's Firestore emulator: the only thing
// that evaluates rules offline. The reads are the page's own: its watchers in
// web/src/data/ run here, unchanged, so a change to the page's queries is
// tested without an edit here. The in-memory Firestore the stack may run has
// no rules engine, so there these tests are reported as skipped, with the
// reason, rather than passed.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import {
  assertFails,
  assertSucceeds,
  initializeTestEnvironment,
  type RulesTestEnvironment,
} from "@firebase/rules-unit-testing";
import { stackEnvFromProcess } from "@sms-inbox/local-stack/stack-env";
import { addEntries, parseAccessEntry } from "@sms-inbox/operator/access/access-list";
import { deleteApp, type FirebaseApp, initializeApp } from "firebase/app";
import {
  addDoc,
  collection,
  connectFirestoreEmulator,
  deleteDoc,
  doc,
  type Firestore,
  getDoc,
  getDocs,
  initializeFirestore,
  setDoc,
  updateDoc,
  writeBatch,
} from "firebase/firestore";
import {
  AUTHENTICATOR_COLLECTIONS,
  type StoredAuthenticator,
  type StoredAuthenticatorSecret,
} from "functions/contract/authenticator";
import {
  ACCESS_DOC_ID,
  type AccessConfig,
  COLLECTIONS,
  type PhoneLabel,
  PUBLIC_MODE_DOC_ID,
  type StoredCode,
  type StoredEmailBody,
  type StoredRefusal,
} from "functions/contract/firestore-schema";
import type { NotedPerson, StoredPerson } from "functions/contract/people";
// The cases the functions' own allow-list decision is held to as well
// (functions/test/access/allow-list.test.ts).
import {
  ACCESS,
  ACCESS_AS_TYPED,
  ALLOWED,
  AT_DOMAIN,
  LISTED,
  type Principal,
  PUBLIC_MODE_OFF_VALUES,
  REFUSED,
  rows,
  SIGNED_OUT,
  STRANGERS,
} from "functions/test-support/allow-list-cases";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { parseRetentionMinutes } from "../src/config.js";
import { watchCodes } from "../src/data/codes.js";
import type { SnapshotHandlers, Unsubscribe } from "../src/data/inbox-data.js";
import { watchLabels } from "../src/data/labels.js";
import { watchPeople } from "../src/data/people.js";
import { watchPublicMode } from "../src/data/public-mode.js";
import { watchRefusals } from "../src/data/refusals.js";
import type { InboxRefusal } from "../src/logic/refusals.js";
import { minutesToMs, queryWindowStart } from "../src/logic/time-window.js";
import type { InboxCode, PhoneLabelEntry } from "../src/logic/types.js";

const RULES_PATH = join(import.meta.dirname, "..", "..", "firestore.rules");
const googleEmulator = process.env.SMS_INBOX_FIRESTORE_KIND === "google";
const SKIP_REASON = "this stack runs the in-memory Firestore, which evaluates no security rules";
if (!googleEmulator) console.warn(`firestore.rules tests SKIPPED: ${SKIP_REASON}`);

const PHONE = "+15550100001";
const CODE_ID = "code-1";
const REFUSAL_ID = "refusal-1";
const EMAIL_HTML = "<p>Your code is <b>123456</b></p>";
const SEEN_AT = Date.UTC(2026, 0, 15, 12, 0, 0);
const PERSON_KEY = "user:alice@individual.test";
const TOTP_SECRET = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP";
const PERSON_ID = "p_erin";
// The page's default window: the seeded code must fall inside the query the page sends.
const RETENTION_MS = minutesToMs(parseRetentionMinutes(undefined));
describe.skipIf(!googleEmulator)(
  googleEmulator ? "firestore.rules" : `firestore.rules — SKIPPED: ${SKIP_REASON}`,
  () => {
    let env: RulesTestEnvironment;
    let firestoreHost: { host: string; port: number };
    let projectId: string;
    const apps: FirebaseApp[] = [];
    let appCounter = 0;

    beforeAll(async () => {
      const stack = stackEnvFromProcess();
      const separator = stack.firestoreHost.lastIndexOf(":");
      projectId = stack.projectId;
      firestoreHost = {
        host: stack.firestoreHost.slice(0, separator),
        port: Number(stack.firestoreHost.slice(separator + 1)),
      };
      env = await initializeTestEnvironment({
        projectId,
        firestore: { ...firestoreHost, rules: readFileSync(RULES_PATH, "utf8") },
      });
    });
    afterAll(async () => {
      // What the last test seeded (public mode on, among others) is not left
      // for the next file on the shared stack.
      await env?.clearFirestore();
      await env?.cleanup();
    });
    beforeEach(async () => {
      await env.clearFirestore();
    });
    afterEach(async () => {
      await Promise.all(apps.splice(0).map((app) => deleteApp(app)));
    });

    /**
     * A browser's Firestore, made as web/src/data/firebase-app.ts makes the
     * page's. The page's watchers take the modular Firestore, and the test
     * environment's contexts hand out compat ones, so the principal signs in
     * with the emulator's mock token, which is what authenticatedContext does.
     */
    function browser({ claims }: Principal): Firestore {
      appCounter += 1;
      const app = initializeApp({ projectId }, `browser-${appCounter}`);
      apps.push(app);
      const db = initializeFirestore(app, {});
      connectFirestoreEmulator(
        db,
        firestoreHost.host,
        firestoreHost.port,
        claims && { mockUserToken: { sub: `user-${appCounter}`, ...claims } },
      );
      return db;
    }

    /** A code, a label and the config documents, written past the rules as the Admin SDK does. */
    async function seed({
      access = ACCESS,
      publicMode,
    }: {
      /** null: no config/access. */
      access?: Partial<AccessConfig> | null;
      /** undefined: no config/public. */
      publicMode?: unknown;
    } = {}) {
      const now = Date.now();
      const code: StoredCode<Date> = {
        recipient: PHONE,
        code: "123456",
        messageText: "Your code is 123456",
        messageType: "otp_verify",
        deliveryMethod: "text",
        label: "Alice",
        receivedAt: new Date(now),
        expireAt: new Date(now + RETENTION_MS),
      };
      // Both writers' fields: the scripts' demo users and the webhook's seen users.
      const label: PhoneLabel<Date> = {
        users: [{ label: "Alice", email: "alice@individual.test", order: 0 }],
        updatedAt: new Date(now),
        seen: { u_1: { label: "Seen Sam", firstSeenAt: new Date(SEEN_AT) } },
      };
      await env.withSecurityRulesDisabled(async (context) => {
        const db = context.firestore();
        await db.collection(COLLECTIONS.codes).doc(CODE_ID).set(code);
        await db.collection(COLLECTIONS.phoneLabels).doc(PHONE).set(label);
        // Someone the webhook noted at their first email.
        const person: StoredPerson<Date> = {
          label: "erin@guest.test",
          email: "erin@guest.test",
          firstSeenAt: new Date(SEEN_AT),
        };
        await db.collection(COLLECTIONS.people).doc(PERSON_ID).set(person);
        // An email's body lives under its code's id (the webhook writes both in one batch).
        const body: StoredEmailBody<Date> = {
          html: EMAIL_HTML,
          text: "Your code is 123456",
          expireAt: new Date(now + RETENTION_MS),
        };
        await db.collection(COLLECTIONS.emailBodies).doc(CODE_ID).set(body);
        const refusal: StoredRefusal<Date> = {
          status: 401,
          error: "unauthorized",
          field: "Authorization",
          recipient: "+614•••••001",
          refusedAt: new Date(now),
          expireAt: new Date(now + RETENTION_MS),
        };
        await db.collection(COLLECTIONS.refusals).doc(REFUSAL_ID).set(refusal);
        // An authenticator as `npm run authenticator:add` writes it: metadata and secret apart.
        const authenticator: StoredAuthenticator<Date> = {
          label: "alice@individual.test",
          email: "alice@individual.test",
          name: "added by hand",
          source: "added",
          createdAt: new Date(now),
        };
        await db
          .collection(AUTHENTICATOR_COLLECTIONS.authenticators)
          .doc(PERSON_KEY)
          .set(authenticator);
        const secret: StoredAuthenticatorSecret<Date> = {
          secret: TOTP_SECRET,
          createdAt: new Date(now),
        };
        await db.collection(AUTHENTICATOR_COLLECTIONS.secrets).doc(PERSON_KEY).set(secret);
        const config = db.collection(COLLECTIONS.config);
        if (access) await config.doc(ACCESS_DOC_ID).set(access);
        if (publicMode !== undefined) {
          await config.doc(PUBLIC_MODE_DOC_ID).set({ enabled: publicMode });
        }
      });
    }

    /** The listener's first answer from the server; its error, as the page receives it, otherwise. */
    function firstServerAnswer<T>(
      watch: (handlers: SnapshotHandlers<T>) => Unsubscribe,
    ): Promise<T> {
      let stop: Unsubscribe = () => {};
      const answer = new Promise<T>((resolve, reject) => {
        stop = watch({
          next: ({ items, fromCache }) => {
            if (!fromCache) resolve(items);
          },
          error: reject,
        });
      });
      return answer.finally(() => stop());
    }

    // The page's listeners, as web/src/hooks/use-inbox.ts opens them.
    const pageCodes = (db: Firestore) =>
      firstServerAnswer<InboxCode[]>((handlers) =>
        watchCodes(db, queryWindowStart(Date.now(), RETENTION_MS), RETENTION_MS, handlers),
      );
    const pageLabels = (db: Firestore) =>
      firstServerAnswer<PhoneLabelEntry[]>((handlers) => watchLabels(db, handlers));
    const pagePeople = (db: Firestore) =>
      firstServerAnswer<NotedPerson[]>((handlers) => watchPeople(db, handlers));
    const pageRefusals = (db: Firestore) =>
      firstServerAnswer<InboxRefusal[]>((handlers) =>
        watchRefusals(db, Date.now() - RETENTION_MS, handlers),
      );
    const pagePublicMode = (db: Firestore) => {
      let stop: Unsubscribe = () => {};
      const answer = new Promise<boolean>((resolve) => {
        stop = watchPublicMode(db, { next: resolve, error: () => resolve(false) });
      });
      return answer.finally(() => stop());
    };

    // Reads no page makes but any script in a browser could: they must be
    // judged like the page's.
    const directReads = (db: Firestore): Promise<unknown>[] => [
      getDoc(doc(db, COLLECTIONS.codes, CODE_ID)),
      getDocs(collection(db, COLLECTIONS.codes)),
      getDoc(doc(db, COLLECTIONS.phoneLabels, PHONE)),
      getDocs(collection(db, COLLECTIONS.phoneLabels)),
      getDoc(doc(db, COLLECTIONS.people, PERSON_ID)),
      getDocs(collection(db, COLLECTIONS.people)),
      getDoc(doc(db, COLLECTIONS.refusals, REFUSAL_ID)),
      getDocs(collection(db, COLLECTIONS.refusals)),
      // "View email" reads one body by its code's id; a listing is judged the same.
      getDoc(doc(db, COLLECTIONS.emailBodies, CODE_ID)),
      getDocs(collection(db, COLLECTIONS.emailBodies)),
      // Whose card has an authenticator: readable like the codes (never its secret).
      getDoc(doc(db, AUTHENTICATOR_COLLECTIONS.authenticators, PERSON_KEY)),
      getDocs(collection(db, AUTHENTICATOR_COLLECTIONS.authenticators)),
    ];

    // An authenticator's secret, by every read a browser can make.
    const secretReads = (db: Firestore): Promise<unknown>[] => [
      getDoc(doc(db, AUTHENTICATOR_COLLECTIONS.secrets, PERSON_KEY)),
      getDocs(collection(db, AUTHENTICATOR_COLLECTIONS.secrets)),
      getDoc(doc(db, AUTHENTICATOR_COLLECTIONS.secrets, "user:nobody@example.com")),
    ];

    async function expectCanRead(principal: Principal) {
      const db = browser(principal);
      const [codes, labels, refusals, people] = await Promise.all([
        assertSucceeds(pageCodes(db)),
        assertSucceeds(pageLabels(db)),
        assertSucceeds(pageRefusals(db)),
        assertSucceeds(pagePeople(db)),
        Promise.all(directReads(db).map((read) => assertSucceeds(read))),
      ]);
      expect(refusals.map((refusal) => refusal.id)).toEqual([REFUSAL_ID]);
      expect(people).toEqual([
        { label: "erin@guest.test", email: "erin@guest.test", firstSeenAt: SEEN_AT },
      ]);
      const body = await getDoc(doc(db, COLLECTIONS.emailBodies, CODE_ID));
      expect(body.get("html")).toBe(EMAIL_HTML);
      const authenticator = await getDoc(
        doc(db, AUTHENTICATOR_COLLECTIONS.authenticators, PERSON_KEY),
      );
      expect(authenticator.get("label")).toBe("alice@individual.test");
      // An allowed query that matched nothing would prove little.
      expect(codes.map((code) => code.id)).toEqual([CODE_ID]);
      expect(labels).toEqual([
        {
          phoneNumber: PHONE,
          users: [{ label: "Alice", email: "alice@individual.test", order: 0 }],
          seen: [{ label: "Seen Sam", firstSeenAt: SEEN_AT }],
        },
      ]);
    }

    async function expectCannotRead(principal: Principal) {
      const db = browser(principal);
      await Promise.all(
        [pageCodes(db), pageLabels(db), pageRefusals(db), pagePeople(db), ...directReads(db)].map(
          (read) => assertFails(read),
        ),
      );
    }

    it("judges the allow-list `npm run access -- add` writes for what was typed", () => {
      expect(
        addEntries({ emails: [], domains: [] }, ACCESS_AS_TYPED.map(parseAccessEntry)).config,
      ).toEqual(ACCESS);
    });

    describe("authenticator secrets", () => {
      it.each(
        [undefined, false, true].flatMap((publicMode) =>
          // One of each kind of stranger, and every allowed reader: no one gets through.
          [...STRANGERS, ...ALLOWED].map((principal): [string, Principal, boolean | undefined] => [
            `${principal.who}, public mode ${publicMode === true ? "on" : "off"}`,
            principal,
            publicMode,
          ]),
        ),
      )("no browser reads or writes one: %s", async (_who, principal, publicMode) => {
        await seed({ publicMode });
        const db = browser(principal);
        await Promise.all(secretReads(db).map((read) => assertFails(read)));
        const target = doc(db, AUTHENTICATOR_COLLECTIONS.secrets, PERSON_KEY);
        await assertFails(setDoc(target, { secret: TOTP_SECRET }));
        await assertFails(updateDoc(target, { secret: TOTP_SECRET }));
        await assertFails(deleteDoc(target));
        await assertFails(
          setDoc(doc(db, AUTHENTICATOR_COLLECTIONS.secrets, "user:new@example.com"), {
            secret: TOTP_SECRET,
          }),
        );
        // Still there, unchanged: the refusals above changed nothing.
        await env.withSecurityRulesDisabled(async (context) => {
          const stored = await context
            .firestore()
            .collection(AUTHENTICATOR_COLLECTIONS.secrets)
            .doc(PERSON_KEY)
            .get();
          expect(stored.get("secret")).toBe(TOTP_SECRET);
        });
      });
    });

    describe("with public mode off", () => {
      beforeEach(() => seed({ publicMode: false }));

      it.each(rows(ALLOWED))("%s reads the codes and labels", (_who, principal) =>
        expectCanRead(principal),
      );

      it.each(rows(REFUSED))("%s is refused the codes and labels", (_who, principal) =>
        expectCannotRead(principal),
      );
    });

    describe("public mode", () => {
      it.each<[string, unknown]>(PUBLIC_MODE_OFF_VALUES)(
        "%s counts as off, for the rules and for the page's banner",
        async (_what, enabled) => {
          await seed({ publicMode: enabled });
          expect(await pagePublicMode(browser(SIGNED_OUT))).toBe(false);
          for (const stranger of STRANGERS) await expectCannotRead(stranger);
          await expectCanRead(LISTED);
        },
      );

      describe("on (enabled: true)", () => {
        beforeEach(() => seed({ publicMode: true }));

        it("shows the page's banner", async () => {
          expect(await pagePublicMode(browser(SIGNED_OUT))).toBe(true);
        });

        it.each(rows([...STRANGERS, ...ALLOWED]))(
          "lets %s read the codes and labels",
          (_who, principal) => expectCanRead(principal),
        );
      });

      it("needs no allow-list", async () => {
        await seed({ access: null, publicMode: true });
        await expectCanRead(SIGNED_OUT);
      });
    });

    describe("config documents", () => {
      it.each(rows([...STRANGERS, ...ALLOWED]))(
        "%s reads config/public, never config/access, with public mode on or off",
        async (_who, principal) => {
          for (const enabled of [undefined, false, true]) {
            await env.clearFirestore();
            await seed({ publicMode: enabled });
            const db = browser(principal);
            const config = collection(db, COLLECTIONS.config);
            await assertSucceeds(getDoc(doc(config, PUBLIC_MODE_DOC_ID)));
            // The page's listener counts a refusal as "off", so only "on" shows the read succeeded.
            expect(await pagePublicMode(db)).toBe(enabled === true);
            await assertFails(getDoc(doc(config, ACCESS_DOC_ID)));
            await assertFails(getDocs(config));
          }
        },
      );
    });

    describe("allow-list document", () => {
      it("denies everyone while config/access does not exist", async () => {
        await seed({ access: null, publicMode: false });
        for (const principal of ALLOWED) await expectCannotRead(principal);
      });

      it("works with only one of its lists present", async () => {
        await seed({ access: { domains: ACCESS.domains } });
        await expectCanRead(AT_DOMAIN);
        await expectCannotRead(LISTED);
      });
    });

    describe("browser writes and deletes", () => {
      // Every target exists, so update and delete fail on the rules, not on NOT_FOUND.
      const existing = [
        `${COLLECTIONS.codes}/${CODE_ID}`,
        `${COLLECTIONS.phoneLabels}/${PHONE}`,
        `${COLLECTIONS.refusals}/${REFUSAL_ID}`,
        `${COLLECTIONS.emailBodies}/${CODE_ID}`,
        `${COLLECTIONS.people}/${PERSON_ID}`,
        `${COLLECTIONS.config}/${ACCESS_DOC_ID}`,
        `${COLLECTIONS.config}/${PUBLIC_MODE_DOC_ID}`,
        `${COLLECTIONS.config}/other`,
        `${AUTHENTICATOR_COLLECTIONS.authenticators}/${PERSON_KEY}`,
        `${AUTHENTICATOR_COLLECTIONS.secrets}/${PERSON_KEY}`,
        "somethingElse/doc",
      ];
      const created = [
        `${COLLECTIONS.codes}/new-code`,
        `${COLLECTIONS.emailBodies}/new-code`,
        `${COLLECTIONS.phoneLabels}/+15550100002`,
        `${COLLECTIONS.people}/p_new`,
        `${COLLECTIONS.config}/new`,
        `${AUTHENTICATOR_COLLECTIONS.authenticators}/user:new@example.com`,
        `${AUTHENTICATOR_COLLECTIONS.secrets}/user:new@example.com`,
        "other/new",
      ];

      describe.each([
        { mode: "off", publicMode: false },
        { mode: "on", publicMode: true },
      ])("with public mode $mode", ({ publicMode }) => {
        beforeEach(async () => {
          await seed({ publicMode });
          await env.withSecurityRulesDisabled(async (context) => {
            const db = context.firestore();
            await db.doc(`${COLLECTIONS.config}/other`).set({ label: "seeded" });
            await db.doc("somethingElse/doc").set({ label: "seeded" });
          });
        });

        it.each(rows([...STRANGERS, ...ALLOWED]))(
          "are all denied for %s",
          async (_who, principal) => {
            const db = browser(principal);
            for (const path of existing) {
              const target = doc(db, path);
              await assertFails(setDoc(target, { enabled: true, emails: ["x@evil.io"] }));
              await assertFails(setDoc(target, { label: "x" }, { merge: true }));
              await assertFails(updateDoc(target, { label: "x" }));
              await assertFails(deleteDoc(target));
            }
            for (const path of created) {
              await assertFails(setDoc(doc(db, path), { recipient: PHONE, code: "000000" }));
            }
            await assertFails(
              addDoc(collection(db, COLLECTIONS.codes), { recipient: PHONE, code: "000000" }),
            );
            const batch = writeBatch(db);
            batch.delete(doc(db, COLLECTIONS.codes, CODE_ID));
            await assertFails(batch.commit());
          },
        );
      });
    });
  },
);
