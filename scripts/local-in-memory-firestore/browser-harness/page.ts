/// <reference lib="dom" />
// A tiny page on the real firebase browser SDK, driven by the browser tests and
// the benchmark through `window.gatewayPage`. Every snapshot is rendered as
// `<section id="listener-NAME"><li data-id="ID">JSON</li>…</section>`, so tests
// wait for DOM that proves the data arrived, and is recorded with its arrival
// time (ms since the Unix epoch, sub-millisecond) for the benchmark.
import { initializeApp } from "firebase/app";
import {
  collection,
  connectFirestoreEmulator,
  type DocumentData,
  doc,
  type Firestore,
  type FirestoreSettings,
  getDoc,
  initializeFirestore,
  limit,
  onSnapshot,
  orderBy,
  type Query,
  type QuerySnapshot,
  query,
  setDoc,
  Timestamp,
  type Unsubscribe,
  type WhereFilterOp,
  where,
} from "firebase/firestore";

export interface PageConfig {
  host: string;
  port: number;
  projectId: string;
  forceLongPolling?: boolean;
  useFetchStreams?: boolean;
}

export interface ListenSpec {
  name: string;
  /** A document path ("col/id"), or a collection with optional where/orderBy/limit. */
  doc?: string;
  collection?: string;
  where?: [field: string, op: WhereFilterOp, value: unknown];
  /** where(field, ">=", Timestamp.fromMillis(ms)), the inbox page's window (Timestamps cannot cross page.evaluate). */
  since?: [field: string, ms: number];
  orderBy?: [field: string, direction: "asc" | "desc"];
  limit?: number;
}

export interface Arrival {
  name: string;
  at: number;
  fromCache: boolean;
  docs: { id: string; data: DocumentData }[];
}

export interface GatewayPageApi {
  start(config: PageConfig): void;
  listen(spec: ListenSpec): void;
  unlisten(name: string): void;
  getDoc(path: string): Promise<DocumentData | null>;
  setDoc(path: string, data: DocumentData): Promise<string>;
  arrivals: Arrival[];
}

let db: Firestore | undefined;
const listeners = new Map<string, Unsubscribe>();
const arrivals: Arrival[] = [];

function firestore(): Firestore {
  if (!db) throw new Error("gatewayPage.start() first");
  return db;
}

function section(name: string): HTMLElement {
  const id = `listener-${name}`;
  const existing = document.getElementById(id);
  if (existing) return existing;
  const created = document.createElement("section");
  created.id = id;
  document.body.append(created);
  return created;
}

function render(name: string, docs: Arrival["docs"], fromCache: boolean): void {
  arrivals.push({ name, at: performance.timeOrigin + performance.now(), fromCache, docs });
  const target = section(name);
  target.dataset.fromCache = String(fromCache);
  target.replaceChildren(
    ...docs.map(({ id, data }) => {
      const item = document.createElement("li");
      item.dataset.id = id;
      item.textContent = JSON.stringify(data);
      return item;
    }),
  );
}

function buildQuery(spec: ListenSpec): Query {
  if (!spec.collection) throw new Error(`listener ${spec.name}: doc or collection required`);
  let q: Query = collection(firestore(), spec.collection);
  if (spec.where) q = query(q, where(...spec.where));
  if (spec.since) q = query(q, where(spec.since[0], ">=", Timestamp.fromMillis(spec.since[1])));
  if (spec.orderBy) q = query(q, orderBy(...spec.orderBy));
  if (spec.limit !== undefined) q = query(q, limit(spec.limit));
  return q;
}

const api: GatewayPageApi = {
  arrivals,
  start(config) {
    const app = initializeApp({ projectId: config.projectId, apiKey: "demo-key" });
    // useFetchStreams is an internal setting of the SDK, hence the cast.
    const settings = {
      experimentalForceLongPolling: config.forceLongPolling ?? false,
      useFetchStreams: config.useFetchStreams ?? false,
    } as FirestoreSettings;
    db = initializeFirestore(app, settings);
    connectFirestoreEmulator(db, config.host, config.port);
  },
  listen(spec) {
    const onError = (error: Error) => {
      section(spec.name).dataset.error = error.message;
    };
    const unsubscribe = spec.doc
      ? onSnapshot(
          doc(firestore(), spec.doc),
          (snap) => {
            const data = snap.data();
            render(spec.name, data ? [{ id: snap.id, data }] : [], snap.metadata.fromCache);
          },
          onError,
        )
      : onSnapshot(
          buildQuery(spec),
          (snap: QuerySnapshot) => {
            const docs = snap.docs.map((d) => ({ id: d.id, data: d.data() }));
            render(spec.name, docs, snap.metadata.fromCache);
          },
          onError,
        );
    listeners.set(spec.name, unsubscribe);
  },
  unlisten(name) {
    listeners.get(name)?.();
    listeners.delete(name);
    section(name).dataset.unsubscribed = "true";
  },
  async getDoc(path) {
    const snap = await getDoc(doc(firestore(), path));
    return snap.data() ?? null;
  },
  async setDoc(path, data) {
    try {
      await setDoc(doc(firestore(), path), data);
      return "ok";
    } catch (error) {
      return (error as { code?: string }).code ?? String(error);
    }
  },
};

(window as unknown as { gatewayPage: GatewayPageApi }).gatewayPage = api;
document.body.dataset.ready = "true";
