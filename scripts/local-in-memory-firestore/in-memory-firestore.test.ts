// The in-memory Firestore as the stack sees it: one port, gRPC for Node clients,
// HTTP/1.1 (emulator endpoints + WebChannel) for everything else. Runs its own
// instance on a free loopback port.
import net from "node:net";
import { adminFirestore } from "@sms-inbox/operator/firestore/admin";
import type { Firestore } from "firebase-admin/firestore";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseChunks } from "./framing.js";
import { type InMemoryFirestore, startInMemoryFirestore } from "./index.js";

const HOST = "127.0.0.1";
const PROJECT = "demo-in-memory";
const DATABASE = `projects/${PROJECT}/databases/(default)`;
const ORIGIN = "http://127.0.0.1:5000";

let firestore: InMemoryFirestore;
let admin: Firestore;
let base: string;

beforeAll(async () => {
  firestore = await startInMemoryFirestore({ host: HOST, port: 0 });
  base = `http://${HOST}:${firestore.port}`;
  process.env.FIRESTORE_EMULATOR_HOST = `${HOST}:${firestore.port}`;
  admin = adminFirestore(PROJECT);
});

afterAll(async () => {
  await admin?.terminate();
  await firestore?.stop();
});

/** A bare WebChannel client: handshake, then long polls. */
async function handshake(...requests: object[]) {
  const maps = requests
    .map((request, i) => `req${i}___data__=${encodeURIComponent(JSON.stringify(request))}`)
    .join("&");
  const channel = `${base}/google.firestore.v1.Firestore/Listen/channel?VER=8&database=${encodeURIComponent(DATABASE)}`;
  const response = await fetch(`${channel}&RID=1&CVER=22&X-HTTP-Session-Id=gsessionid&t=1`, {
    method: "POST",
    headers: { "Content-Type": "application/x-www-form-urlencoded", Origin: ORIGIN },
    body: `count=${requests.length}&ofs=0&${maps}`,
  });
  const [chunk] = parseChunks(await response.text());
  const sid: string = JSON.parse(chunk ?? "")[0][1][1];
  let aid = 0;
  return {
    response,
    sid,
    channel,
    /** Long polls until `done` holds for everything received so far. */
    async pollUntil(done: (payloads: unknown[]) => boolean): Promise<unknown[]> {
      const payloads: unknown[] = [];
      while (!done(payloads)) {
        const poll = await fetch(`${channel}&RID=rpc&SID=${sid}&AID=${aid}&CI=1&TYPE=xmlhttp`);
        for (const text of parseChunks(await poll.text())) {
          for (const [id, payload] of JSON.parse(text) as [number, unknown[]][]) {
            aid = id;
            if (payload[0] !== "noop") payloads.push(payload[0]);
          }
        }
      }
      return payloads;
    },
  };
}

const isCurrent = (targetId: number) => (payloads: unknown[]) =>
  payloads.some((p) => {
    const change = (p as { targetChange?: { targetChangeType?: string; targetIds?: number[] } })
      .targetChange;
    return change?.targetChangeType === "CURRENT" && change.targetIds?.includes(targetId);
  });

describe("in-memory Firestore on one port", () => {
  it("answers GET / like Google's emulator", async () => {
    const response = await fetch(`${base}/`);
    expect(response.status).toBe(200);
    expect(await response.text()).toBe("Ok.");
  });

  it("serves gRPC to firebase-admin on the same port", async () => {
    await admin.doc("grpc/a").set({ text: "héllo 🎉" });
    expect((await admin.doc("grpc/a").get()).data()).toEqual({ text: "héllo 🎉" });
  });

  it("streams two targets of one WebChannel session (one gRPC call each), with CORS", async () => {
    await admin.doc("fanout/a").set({ n: 1 });
    await admin.doc("fanout/b").set({ n: 2 });
    const client = await handshake(
      {
        database: DATABASE,
        addTarget: { targetId: 2, documents: { documents: [`${DATABASE}/documents/fanout/a`] } },
      },
      {
        database: DATABASE,
        addTarget: {
          targetId: 4,
          query: {
            parent: `${DATABASE}/documents`,
            structuredQuery: { from: [{ collectionId: "fanout" }], limit: 1 },
          },
        },
      },
    );
    expect(client.response.headers.get("access-control-allow-origin")).toBe(ORIGIN);
    expect(client.response.headers.get("access-control-allow-credentials")).toBe("true");
    expect(client.response.headers.get("access-control-expose-headers")).toContain(
      "X-HTTP-Session-Id",
    );
    expect(client.response.headers.get("x-http-session-id")).toBeTruthy();

    const payloads = await client.pollUntil((p) => isCurrent(2)(p) && isCurrent(4)(p));
    const names = payloads.flatMap((p) => {
      const change = (p as { documentChange?: { document: { name: string }; targetIds: number[] } })
        .documentChange;
      return change ? [`${change.targetIds[0]}:${change.document.name.split("/").at(-1)}`] : [];
    });
    expect(names.sort()).toEqual(["2:a", "4:a"]);
  });

  it("sends a listener what a write changed, as production does, not the emulator's full resend", async () => {
    await admin.doc("deltas/a").set({ n: 1 });
    await admin.doc("deltas/b").set({ n: 2 });
    const client = await handshake({
      database: DATABASE,
      addTarget: {
        targetId: 2,
        query: {
          parent: `${DATABASE}/documents`,
          structuredQuery: { from: [{ collectionId: "deltas" }] },
        },
      },
    });
    const currents = (payloads: unknown[]) => payloads.filter((p) => isCurrent(2)([p])).length;
    const documents = (payloads: unknown[]) =>
      payloads.flatMap((p) => {
        const change = (p as { documentChange?: { document: { name: string } } }).documentChange;
        return change ? [change.document.name.split("/").at(-1)] : [];
      });
    expect(documents(await client.pollUntil((p) => currents(p) === 1)).sort()).toEqual(["a", "b"]);

    await admin.doc("deltas/c").set({ n: 3 });
    const afterWrite = await client.pollUntil((p) => currents(p) === 1);
    expect(documents(afterWrite)).toEqual(["c"]);
    expect(afterWrite.some((p) => JSON.stringify(p).includes('"RESET"'))).toBe(false);

    await admin.doc("deltas/a").delete();
    const afterDelete = await client.pollUntil((p) => currents(p) === 1);
    expect(documents(afterDelete)).toEqual([]);
    expect(afterDelete).toContainEqual({
      documentRemove: { document: `${DATABASE}/documents/deltas/a`, removedTargetIds: [2] },
    });
  });

  it("clears one project on DELETE, and live listeners see the deletions", async () => {
    const other = adminFirestore("demo-in-memory-other");
    await other.doc("kept/a").set({ v: 1 });
    await admin.doc("cleared/a").set({ v: 1 });
    const sizes: number[] = [];
    const unsubscribe = admin.collection("cleared").onSnapshot((snap) => sizes.push(snap.size));
    await expect.poll(() => sizes.at(-1)).toBe(1);

    const response = await fetch(
      `${base}/emulator/v1/projects/${PROJECT}/databases/(default)/documents`,
      {
        method: "DELETE",
      },
    );
    expect(response.status).toBe(200);
    await expect.poll(() => sizes.at(-1)).toBe(0);
    expect((await admin.doc("cleared/a").get()).exists).toBe(false);
    expect((await other.doc("kept/a").get()).data()).toEqual({ v: 1 });
    unsubscribe();
    await other.terminate();
  });

  it("answers an unknown session with 400 'Unknown SID' so the client starts over", async () => {
    const channel = `${base}/google.firestore.v1.Firestore/Listen/channel?VER=8`;
    const response = await fetch(`${channel}&RID=rpc&SID=gone&AID=3&CI=0&TYPE=xmlhttp`);
    expect(response.status).toBe(400);
    // The client checks indexOf("Unknown SID") > 0.
    expect((await response.text()).indexOf("Unknown SID")).toBeGreaterThan(0);
  });

  it("ends a session on TYPE=terminate", async () => {
    const client = await handshake({
      database: DATABASE,
      addTarget: { targetId: 2, documents: { documents: [`${DATABASE}/documents/t/a`] } },
    });
    const terminate = await fetch(`${client.channel}&SID=${client.sid}&TYPE=terminate`, {
      method: "POST",
    });
    expect(terminate.status).toBe(200);
    const after = await fetch(
      `${client.channel}&RID=rpc&SID=${client.sid}&AID=0&CI=1&TYPE=xmlhttp`,
    );
    expect(after.status).toBe(400);
  });

  it("answers preflights, and REST calls with a clear 501", async () => {
    const preflight = await fetch(`${base}/google.firestore.v1.Firestore/Listen/channel`, {
      method: "OPTIONS",
      headers: { Origin: ORIGIN, "Access-Control-Request-Method": "POST" },
    });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get("access-control-allow-origin")).toBe(ORIGIN);
    const rest = await fetch(`${base}/v1/${DATABASE}/documents:runQuery`, {
      method: "POST",
      body: "{}",
    });
    expect(rest.status).toBe(501);
    expect((await rest.json()).error.status).toBe("UNIMPLEMENTED");
  });

  it("survives queries the emulator cannot serve (answered with no documents)", async () => {
    await admin.doc("nested/a").set({ user: { id: 1 } });
    await admin.doc("nested/b").set({ user: { id: 2 } });
    const sorted = await admin.collection("nested").orderBy("user.id").get();
    expect(sorted.size).toBe(0);
    const sizes: number[] = [];
    const unsubscribe = admin
      .collection("nested")
      .where("user.id", "==", 1)
      .onSnapshot((snap) => sizes.push(snap.size));
    await expect.poll(() => sizes.length).toBe(1);
    await admin.doc("nested/c").set({ user: { id: 1 } }); // re-runs the query in the emulator
    unsubscribe();
    expect(await (await fetch(`${base}/`)).text()).toBe("Ok.");
  });

  it("rejects a port already in use, naming it", async () => {
    await expect(startInMemoryFirestore({ host: HOST, port: firestore.port })).rejects.toThrow(
      new RegExp(`Port ${firestore.port} .*already in use`),
    );
  });

  it("frees its port on stop() so it can start again there", async () => {
    const first = await startInMemoryFirestore({ host: HOST, port: 0 });
    const socket = net.connect(first.port, HOST); // an open connection must not block stop()
    await new Promise((resolve) => socket.once("connect", resolve));
    await first.stop();
    const second = await startInMemoryFirestore({ host: HOST, port: first.port });
    expect(await (await fetch(`http://${HOST}:${second.port}/`)).text()).toBe("Ok.");
    await second.stop();
    socket.destroy();
  });
});
