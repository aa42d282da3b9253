// @firestore-emulator/server: Firestore's gRPC API in memory (no Java). Its ESM
// build has a broken import, so the CommonJS entry is loaded.
import { createRequire } from "node:module";
import type { Server as GrpcServer } from "@grpc/grpc-js";

type EmulatorModule = typeof import("@firestore-emulator/server");
type FirestoreState = InstanceType<EmulatorModule["FirestoreState"]>;
type DatabaseJson = ReturnType<
  ReturnType<ReturnType<FirestoreState["getProject"]>["getDatabase"]>["toJSON"]
>;
type CollectionJson = DatabaseJson["collections"][string];

const require = createRequire(import.meta.url);
const { FirestoreServer } = require("@firestore-emulator/server") as EmulatorModule;

export interface Emulator {
  /** host:port of the loopback gRPC server. */
  address: string;
  port: number;
  state: FirestoreState;
  clearProject(projectId: string): void;
  stop(): void;
}

export async function startEmulator(log: (line: string) => void = () => {}): Promise<Emulator> {
  const emulator = new FirestoreServer();
  guardQueries(emulator.state, log);
  allowManyListeners(emulator.state);
  scopeQueryListeners(emulator.state);
  // FirestoreServer.start() binds 0.0.0.0 and hides the port it got; its own
  // gRPC server is bound here to an ephemeral loopback port instead.
  const grpc = (emulator as unknown as { server: GrpcServer }).server;
  if (typeof grpc?.bindAsync !== "function") {
    throw new Error(
      "@firestore-emulator/server changed shape: FirestoreServer.server is not a gRPC server",
    );
  }
  const port = await new Promise<number>((resolve, reject) =>
    grpc.bindAsync("127.0.0.1:0", serverCredentials(), (error, bound) =>
      error ? reject(error) : resolve(bound),
    ),
  );
  const state = emulator.state;
  return {
    address: `127.0.0.1:${port}`,
    port,
    state,
    clearProject: (projectId) => clearProject(state, projectId),
    stop: () => emulator.stop(),
  };
}

/**
 * The emulator throws on queries it cannot serve (a dotted field path such as
 * "user.id", a unary filter inside a composite one) from inside its gRPC event
 * handlers, where the throw would crash the whole process. Such a query answers
 * with no documents instead, and the log says why.
 */
function guardQueries(state: FirestoreState, log: (line: string) => void): void {
  const query = state.v1Query.bind(state);
  state.v1Query = (parent, structuredQuery) => {
    try {
      return query(parent, structuredQuery);
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      log(
        `in-memory firestore: query not supported by the emulator (${reason}); answering with no documents`,
      );
      return [];
    }
  };
}

/**
 * Every open listener (a browser target, an Admin SDK onSnapshot) adds one
 * handler per document event to the emulator's emitter and removes it when its
 * call ends. A few tabs and tests exceed Node's default warning threshold of 10
 * without leaking anything, so the threshold follows the gateway's own bounds.
 */
function allowManyListeners(state: FirestoreState): void {
  const emitter = (state as unknown as { emitter?: { setMaxListeners(n: number): void } }).emitter;
  emitter?.setMaxListeners(1_000);
}

type Handler = (event: { document?: { getPath(): string } }) => void;
interface Emitter {
  on(event: string, handler: Handler): unknown;
  off(event: string, handler: Handler): unknown;
}
type ListenRequest = Parameters<FirestoreState["v1Listen"]>[0];

/** Where a query target listens: "projects/p/databases/(default)/documents/phoneLabels". */
function queryCollection(request: ListenRequest): string | undefined {
  const target = request.has_add_target ? request.add_target : undefined;
  if (!target?.has_query) return undefined;
  const collectionId = target.query.structured_query.from[0]?.collection_id;
  return collectionId ? `${target.query.parent}/${collectionId}` : undefined;
}

const parentOf = (path: string | undefined): string | undefined =>
  path === undefined ? undefined : path.slice(0, path.lastIndexOf("/"));

/**
 * A query listener of the emulator re-sends its whole result (a RESET, then
 * every document) on every document event of any collection: each code
 * written re-sent every label to every phoneLabels listener (the page's, each
 * function instance's), and the webhook slowed with each one listening. Here a
 * query listener hears only the events of its own collection, the only ones
 * that can change its result (the emulator's document listeners already
 * filter by path).
 */
function scopeQueryListeners(state: FirestoreState): void {
  const emitter = (state as unknown as { emitter?: Emitter }).emitter;
  if (typeof emitter?.on !== "function" || typeof emitter.off !== "function") {
    throw new Error("@firestore-emulator/server changed shape: FirestoreState.emitter is gone");
  }
  const on = emitter.on.bind(emitter);
  const off = emitter.off.bind(emitter);
  // One handler is added for several events: what was added, per event.
  const scoped = new Map<string, WeakMap<Handler, Handler>>();
  const scopedFor = (event: string) => {
    const handlers = scoped.get(event) ?? new WeakMap<Handler, Handler>();
    scoped.set(event, handlers);
    return handlers;
  };
  // The emulator ends a listener with off(event, itsHandler): remove what was added for it.
  emitter.off = (event, handler) => off(event, scopedFor(event).get(handler) ?? handler);
  const listen = state.v1Listen.bind(state);
  state.v1Listen = (request, callback, onEnd) => {
    const collection = queryCollection(request);
    if (collection === undefined) return listen(request, callback, onEnd);
    // v1Listen registers its handlers synchronously; only those are scoped.
    emitter.on = (event, handler) => {
      const own: Handler = (change) => {
        if (parentOf(change.document?.getPath()) === collection) handler(change);
      };
      scopedFor(event).set(handler, own);
      return on(event, own);
    };
    try {
      return listen(request, callback, onEnd);
    } finally {
      emitter.on = on;
    }
  };
}

// The emulator's own copy of grpc-js must create the credentials it checks.
function serverCredentials() {
  const emulatorRequire = createRequire(require.resolve("@firestore-emulator/server"));
  const grpc = emulatorRequire("@grpc/grpc-js") as typeof import("@grpc/grpc-js");
  return grpc.ServerCredentials.createInsecure();
}

/**
 * Deletes every document of the project's default database through the state's
 * own API, so live listeners see the deletions (state.clear() would wipe all
 * projects and leave listeners showing stale documents).
 */
export function clearProject(state: FirestoreState, projectId: string): void {
  const database = state.getProject(projectId).getDatabase("(default)");
  for (const path of documentPaths(Object.values(database.toJSON().collections))) {
    const document = state.getDocument(path);
    if (document.metadata.hasExist) document.delete();
  }
  dropDeleted(database as unknown as StateNode);
}

/** What the state keeps per collection and document (fields the emulator does not export). */
interface StateNode {
  collections: Record<string, { documents: Record<string, StateDocument> }>;
}
interface StateDocument extends StateNode {
  metadata: { hasExist: boolean };
}

/**
 * The emulator keeps a deleted document as a tombstone for good, and every
 * document written copies its collection's map of them (immer): after a few
 * thousand codes, each write cost milliseconds more. Once the deletions have
 * been announced, a clear drops the tombstones (a listener that asks for one
 * again gets a fresh missing document).
 */
function dropDeleted(node: StateNode): void {
  for (const collection of Object.values(node.collections)) {
    const kept: Record<string, StateDocument> = {};
    for (const [name, document] of Object.entries(collection.documents)) {
      dropDeleted(document);
      const hasChildren = Object.values(document.collections).some(
        (child) => Object.keys(child.documents).length > 0,
      );
      if (document.metadata.hasExist || hasChildren) kept[name] = document;
    }
    collection.documents = kept;
  }
}

function documentPaths(collections: CollectionJson[]): string[] {
  return collections.flatMap((collection) =>
    Object.values(collection.documents).flatMap((document) => [
      document.path,
      ...documentPaths(Object.values(document.collections)),
    ]),
  );
}
