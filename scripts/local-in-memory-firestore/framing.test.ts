import { describe, expect, it } from "vitest";
import { loadWireSamples } from "./fixtures/wire-samples.js";
import { encodeArrays, frameChunk, parseChunks, parseForwardBody } from "./framing.js";

const samples = loadWireSamples();
const handshake = samples.exchanges.find((e) => e.method === "POST" && !("AID" in e.params));
const forwards = samples.exchanges.filter((e) => e.method === "POST" && "AID" in e.params);
const backChannel = samples.exchanges.find((e) => e.method === "GET" && e.params.RID === "rpc");

describe("frameChunk / parseChunks", () => {
  it("counts UTF-16 code units, as the client's String#substr does", () => {
    expect(frameChunk("🎉")).toBe("2\n🎉");
    expect(frameChunk("ü")).toBe("1\nü");
    expect(parseChunks("2\n🎉1\nü")).toEqual(["🎉", "ü"]);
  });

  it("round-trips every recorded response, including non-ASCII chunks", () => {
    const texts = samples.exchanges.map((e) => e.responseText);
    const chunks = texts.flatMap((text) => parseChunks(text));
    for (const text of texts) expect(parseChunks(text).map(frameChunk).join("")).toBe(text);
    for (const chunk of chunks) expect(() => JSON.parse(chunk)).not.toThrow();
    // The samples really exercise the UTF-16 rule: some chunk has more bytes than units.
    expect(chunks.some((chunk) => Buffer.byteLength(chunk) !== chunk.length)).toBe(true);
  });

  it("would corrupt the stream if lengths counted bytes", () => {
    const text = backChannel?.responseText ?? "";
    const byteFramed = parseChunks(text)
      .map((chunk) => `${Buffer.byteLength(chunk)}\n${chunk}`)
      .join("");
    const misread = (() => {
      try {
        return parseChunks(byteFramed).some((chunk) => {
          try {
            JSON.parse(chunk);
            return false;
          } catch {
            return true;
          }
        });
      } catch {
        return true;
      }
    })();
    expect(misread).toBe(true);
  });

  it("carries the recorded back channel as [id, payload] arrays with rising ids", () => {
    const arrays = parseChunks(backChannel?.responseText ?? "").flatMap(
      (chunk) => JSON.parse(chunk) as [number, unknown[]][],
    );
    const ids = arrays.map(([id]) => id);
    expect(ids.length).toBeGreaterThan(10);
    expect(ids).toEqual([...ids].sort((a, b) => a - b));
    expect(new Set(ids).size).toBe(ids.length);
    expect(encodeArrays([{ id: 7, payload: '["noop"]' }])).toBe('[[7,["noop"]]]');
  });

  it("rejects malformed and truncated text", () => {
    expect(() => parseChunks("abc\n[]")).toThrow(/Malformed/);
    expect(() => parseChunks("10\n[]")).toThrow(/Truncated/);
    expect(() => parseChunks("[[0]]")).toThrow(/Malformed/);
  });
});

describe("parseForwardBody", () => {
  it("reads the recorded handshake: encoded init headers and the first ListenRequest", () => {
    const body = parseForwardBody(handshake?.requestBody ?? "");
    expect(body.headers["X-Goog-Api-Client"]).toMatch(/^gl-js\/ fire\/12\.19\.0$/);
    expect(body.maps[0]?.id).toBe(0);
    const request = JSON.parse(body.maps[0]?.json ?? "{}");
    expect(request.addTarget.query.structuredQuery.limit).toBe(5);
  });

  it("numbers messages from ofs across POSTs, so retried POSTs can be de-duplicated", () => {
    const maps = [handshake, ...forwards].flatMap(
      (e) => parseForwardBody(e?.requestBody ?? "").maps,
    );
    expect(maps.map((m) => m.id)).toEqual([0, 1, 2]);
    const [, documents, removal] = maps.map((m) => JSON.parse(m.json));
    expect(documents.addTarget.documents.documents[0]).toMatch(/labels\/\+15550100$/);
    expect(removal.removeTarget).toBe(documents.addTarget.targetId);
  });

  it("rejects bodies without raw JSON maps", () => {
    expect(() => parseForwardBody("count=1&ofs=0&req0_key=value")).toThrow(/req0___data__/);
    expect(() => parseForwardBody("count=x&ofs=0")).toThrow(/Malformed/);
  });
});
