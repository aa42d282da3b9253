// The emulator as patched by emulator.ts: a query listener is told about
// changes to its own collection only, and stops hearing once it has ended.
import { createRequire } from "node:module";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { clearProject, type Emulator, startEmulator } from "./emulator.js";

type ListenRequest = Parameters<Emulator["state"]["v1Listen"]>[0];
// The emulator's own proto classes (a dependency of its package, not of ours):
// it checks requests with instanceof.
const require = createRequire(createRequire(import.meta.url).resolve("@firestore-emulator/server"));
const { ListenRequest } =
  require("@firestore-emulator/proto/dist/google/firestore/v1/firestore") as {
    ListenRequest: { fromObject(data: object): ListenRequest };
  };

const DOCUMENTS = "projects/demo-emulator/databases/(default)/documents";
let emulator: Emulator;

beforeAll(async () => {
  emulator = await startEmulator();
});

afterAll(() => {
  emulator?.stop();
});

/** Listens to a collection through the emulator's own Listen handling; returns what it heard. */
function listen(collectionId: string) {
  const responses: string[] = [];
  const ends: (() => void)[] = [];
  emulator.state.v1Listen(
    ListenRequest.fromObject({
      database: "projects/demo-emulator/databases/(default)",
      add_target: {
        target_id: 1,
        query: { parent: DOCUMENTS, structured_query: { from: [{ collection_id: collectionId }] } },
      },
    }),
    (response) => {
      const change = response.toObject();
      responses.push(
        change.document_change
          ? `doc ${change.document_change.document?.name?.split("/").at(-1)}`
          : `target ${change.target_change?.target_change_type}`,
      );
    },
    (handler) => ends.push(handler),
  );
  return {
    responses,
    end: () => {
      for (const end of ends) end();
    },
  };
}

const write = (path: string) =>
  emulator.state.getDocument(`${DOCUMENTS}/${path}`).set(new Date(), {});
/** The emulator answers a change after a setImmediate; two turns are enough. */
const settle = async () => {
  for (let i = 0; i < 3; i++) await new Promise((resolve) => setImmediate(resolve));
};

describe("the in-memory emulator's query listeners", () => {
  it("hear changes to their own collection, and none to others", async () => {
    write("labels/a");
    const labels = listen("labels");
    await settle();
    const initial = labels.responses.length;
    expect(labels.responses).toContain("doc a");

    for (let i = 0; i < 5; i++) write(`codes/c${i}`);
    await settle();
    expect(labels.responses).toHaveLength(initial);

    write("labels/b");
    await settle();
    expect(labels.responses.slice(initial)).toEqual(expect.arrayContaining(["doc a", "doc b"]));
    labels.end();
  });

  it("hear nothing once ended", async () => {
    const labels = listen("ended");
    await settle();
    labels.end();
    const heard = labels.responses.length;
    write("ended/x");
    await settle();
    expect(labels.responses).toHaveLength(heard);
  });

  it("keep hearing a collection that a clear emptied, and nothing of it is kept", async () => {
    write("kept/a");
    write("kept/b/sub/c");
    const kept = listen("kept");
    await settle();
    const before = kept.responses.length;
    clearProject(emulator.state, "demo-emulator");
    await settle();
    // Re-sent without a/b: the listener saw them go.
    expect(kept.responses.slice(before)).not.toContain("doc a");
    const database = emulator.state.getProject("demo-emulator").getDatabase("(default)");
    const collections = (
      database as unknown as {
        collections: Record<string, { documents: Record<string, unknown> }>;
      }
    ).collections;
    expect(Object.keys(collections.kept?.documents ?? {})).toEqual([]);
    write("kept/a");
    await settle();
    expect(kept.responses.at(-3)).toBe("doc a");
    kept.end();
  });
});
