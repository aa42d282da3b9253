/// <reference lib="dom" />
// The seed's page, as far as latency goes: every five seconds it queries the
// codes of the retention window and shows the ones it has not shown yet. Built
// on the real firebase browser SDK, bundled by ./reader.ts. Rows are
// `<li data-code-id>`, timestamped like the inbox's (../inbox-page.ts).
import { initializeApp } from "firebase/app";
import {
  collection,
  connectFirestoreEmulator,
  getDocs,
  initializeFirestore,
  orderBy,
  query,
  Timestamp,
  where,
} from "firebase/firestore";

export interface ReaderConfig {
  host: string;
  port: number;
  projectId: string;
  /** The emulator accepts an unsigned token: the rules see this verified email. */
  email: string;
  collection: string;
  sinceMs: number;
  intervalMs: number;
}

declare global {
  interface Window {
    pollingReader: {
      start(config: ReaderConfig): void;
      polls: number;
      /** Documents the last poll returned. */
      lastSize: number;
      errors: string[];
    };
  }
}

const state: Window["pollingReader"] = {
  polls: 0,
  lastSize: 0,
  errors: [],
  start(config) {
    const app = initializeApp({ projectId: config.projectId, apiKey: "demo-key" });
    const db = initializeFirestore(app, {});
    connectFirestoreEmulator(db, config.host, config.port, {
      mockUserToken: { sub: `reader-${config.email}`, email: config.email, email_verified: true },
    });
    const list = document.createElement("ul");
    document.body.append(list);
    const shown = new Set<string>();
    const recent = query(
      collection(db, config.collection),
      where("receivedAt", ">=", Timestamp.fromMillis(config.sinceMs)),
      orderBy("receivedAt", "desc"),
    );
    const poll = async () => {
      try {
        const snapshot = await getDocs(recent);
        // Offline, the SDK answers from its cache: that is no poll.
        if (snapshot.metadata.fromCache) throw new Error("Firestore could not be reached");
        state.polls += 1;
        state.lastSize = snapshot.size;
        for (const doc of snapshot.docs) {
          if (shown.has(doc.id)) continue;
          shown.add(doc.id);
          const item = document.createElement("li");
          item.dataset.codeId = doc.id;
          item.textContent = String(doc.get("code"));
          list.prepend(item);
        }
      } catch (error) {
        state.errors.push(String(error));
      }
    };
    void poll();
    setInterval(() => void poll(), config.intervalMs);
  },
};
window.pollingReader = state;
