import { createRequire } from "node:module";
import { describe, expect, it } from "vitest";
import { loadWireSamples } from "./fixtures/wire-samples.js";
import { parseChunks, parseForwardBody } from "./framing.js";
import {
  decodeListenRequest,
  decodeListenResponse,
  encodeListenRequest,
  encodeListenResponse,
  parseListenRequest,
} from "./proto-json.js";

const samples = loadWireSamples();
const browserRequests = samples.exchanges
  .filter((e) => e.method === "POST")
  .flatMap((e) => parseForwardBody(e.requestBody).maps.map((m) => parseListenRequest(m.json)))
  .filter((request) => request.addTarget);
const grpcResponses = samples.grpcResponses.map((b64) => Buffer.from(b64, "base64"));

// The emulator's own (google-protobuf) classes: an independent decoder.
const require = createRequire(import.meta.url);
const emulatorProto = require("@firestore-emulator/proto/dist/google/firestore/v1/firestore") as {
  ListenRequest: { deserializeBinary(bytes: Uint8Array): { toObject(): EmulatorListenRequest } };
};
interface EmulatorListenRequest {
  database: string;
  add_target: {
    target_id: number;
    query?: {
      parent: string;
      structured_query: {
        from: { collection_id: string }[];
        where: { field_filter: { field: { field_path: string }; op: number } };
        order_by: { field: { field_path: string }; direction: number }[];
        limit: { value: number };
      };
    };
    documents?: { documents: string[] };
  };
}

describe("ListenRequest: browser proto3 JSON → protobuf", () => {
  it("encodes the recorded query target so the emulator decodes it field for field", () => {
    const query = browserRequests.find((r) => r.addTarget && "query" in r.addTarget);
    if (!query) throw new Error("fixture has no query target");
    const decoded = emulatorProto.ListenRequest.deserializeBinary(
      encodeListenRequest(query),
    ).toObject();
    expect(decoded.database).toBe("projects/demo-wire-samples/databases/(default)");
    expect(decoded.add_target.target_id).toBe(query.addTarget?.targetId);
    const structured = decoded.add_target.query?.structured_query;
    expect(structured?.from[0]?.collection_id).toBe("samples");
    expect(structured?.where.field_filter.field.field_path).toBe("kind");
    expect(structured?.where.field_filter.op).toBe(5); // EQUAL
    expect(structured?.order_by.map((o) => [o.field.field_path, o.direction])).toEqual([
      ["n", 2], // DESCENDING
      ["__name__", 2],
    ]);
    // limit is an Int32Value: a bare number in JSON, {value} in protobuf.
    expect(structured?.limit.value).toBe(5);
  });

  it("encodes the recorded document target", () => {
    const docs = browserRequests.find((r) => r.addTarget && "documents" in r.addTarget);
    if (!docs) throw new Error("fixture has no documents target");
    const decoded = emulatorProto.ListenRequest.deserializeBinary(
      encodeListenRequest(docs),
    ).toObject();
    expect(decoded.add_target.documents?.documents).toEqual([
      "projects/demo-wire-samples/databases/(default)/documents/labels/+15550100",
    ]);
  });

  it("sent the emulator exactly what the browser asked for", () => {
    const sent = samples.grpcRequests.map((b64) => decodeListenRequest(Buffer.from(b64, "base64")));
    // An empty map field decodes as {} (proto3 cannot tell "unset" from "empty").
    expect(sent).toEqual(browserRequests.map((request) => ({ labels: {}, ...request })));
  });

  it("rejects requests it cannot route", () => {
    expect(() => parseListenRequest("[]")).toThrow(/JSON object/);
    expect(() => parseListenRequest("{}")).toThrow(/exactly one/);
    expect(() => parseListenRequest('{"addTarget":{},"removeTarget":2}')).toThrow(/exactly one/);
    expect(() => parseListenRequest('{"removeTarget":"2"}')).toThrow(/integer/);
  });
});

describe("ListenResponse: emulator protobuf → proto3 JSON", () => {
  const decoded = grpcResponses.map((bytes) => decodeListenResponse(bytes));

  it("is what the browser received, in order, on the back channel", () => {
    const backChannel = samples.exchanges.find((e) => e.params.RID === "rpc");
    const payloads = parseChunks(backChannel?.responseText ?? "")
      .flatMap((chunk) => JSON.parse(chunk) as [number, unknown[]][])
      .map(([, payload]) => payload[0])
      .filter((payload) => payload !== "noop")
      .filter((payload) => JSON.stringify(payload).indexOf('"REMOVE"') === -1);
    expect(payloads).toEqual(decoded.slice(0, payloads.length));
    expect(payloads.length).toBeGreaterThan(10);
  });

  it("maps every Firestore value type to its proto3 JSON form", () => {
    const change = decoded.find((r) =>
      JSON.stringify(r).includes("documents/samples/every-type"),
    ) as { documentChange: { document: { fields: Record<string, unknown>; updateTime: string } } };
    const fields = change.documentChange.document.fields;
    expect(fields.big).toEqual({ integerValue: "1234567890123" }); // int64 → string
    expect(fields.ratio).toEqual({ doubleValue: 0.25 });
    expect(fields.text).toEqual({ stringValue: "Grüße · 日本語 · 🎉👩‍💻" });
    expect(fields.yes).toEqual({ booleanValue: true });
    expect(fields.nothing).toEqual({ nullValue: null });
    expect(fields.when).toEqual({ timestampValue: "2023-11-14T22:13:20.123Z" }); // RFC 3339
    expect(fields.raw).toEqual({ bytesValue: "AAEC+g==" }); // base64
    expect(fields.where).toEqual({ geoPointValue: { latitude: 48.8566, longitude: 2.3522 } });
    expect(fields.ref).toEqual({
      referenceValue: "projects/demo-wire-samples/databases/(default)/documents/labels/+15550100",
    });
    expect(fields.list).toEqual({
      arrayValue: {
        values: [
          { stringValue: "a" },
          { integerValue: "1" },
          { mapValue: { fields: { nested: { stringValue: "ü" } } } },
        ],
      },
    });
    expect(change.documentChange.document.updateTime).toMatch(/^\d{4}-\d\d-\d\dT[\d:.]+Z$/);
  });

  it("names target change types, and leaves the global NO_CHANGE without targets", () => {
    const types = new Set(
      decoded.flatMap((r) =>
        "targetChange" in r
          ? [(r.targetChange as { targetChangeType?: string }).targetChangeType]
          : [],
      ),
    );
    expect(types).toEqual(new Set(["ADD", "CURRENT", "RESET", undefined]));
    const global = decoded.find(
      (r) => "targetChange" in r && !("targetIds" in (r.targetChange as object)),
    );
    expect(global?.targetChange).toEqual({ readTime: expect.stringMatching(/Z$/) });
  });

  it("round-trips every recorded response byte for byte", () => {
    for (const bytes of grpcResponses) {
      expect(encodeListenResponse(decodeListenResponse(bytes)).equals(bytes)).toBe(true);
    }
  });
});
