// WebChannel (VER=8) wire format: length-prefixed chunks and the form-encoded
// forward-channel body. Pure functions; the facts come from Closure's
// channelrequest.js / wirev8.js (see shared/reference/firestore-webchannel.md).

/**
 * One chunk: `<length>\n<payload>`. The client slices its response text with
 * String#substr, so the length counts UTF-16 code units, not bytes: counting
 * bytes breaks every chunk after the first non-ASCII character.
 */
export function frameChunk(payload: string): string {
  return `${payload.length}\n${payload}`;
}

/** Splits a response text into chunk payloads; throws on a malformed or truncated text. */
export function parseChunks(text: string): string[] {
  const chunks: string[] = [];
  let at = 0;
  while (at < text.length) {
    const newline = text.indexOf("\n", at);
    const size = newline === -1 ? Number.NaN : Number(text.slice(at, newline));
    if (!Number.isInteger(size) || size < 0) {
      throw new Error(`Malformed WebChannel chunk at offset ${at}: expected "<length>\\n"`);
    }
    const end = newline + 1 + size;
    if (end > text.length) {
      throw new Error(`Truncated WebChannel chunk at offset ${at}: ${size} units announced`);
    }
    chunks.push(text.slice(newline + 1, end));
    at = end;
  }
  return chunks;
}

/** A server → client array: its id and its payload, already serialized as JSON. */
export interface OutgoingArray {
  id: number;
  payload: string;
}

/** `[[id,payload],…]`, the body of one back-channel chunk. */
export function encodeArrays(arrays: readonly OutgoingArray[]): string {
  return `[${arrays.map((array) => `[${array.id},${array.payload}]`).join(",")}]`;
}

/** One client → server message ("map"): its map id and its raw JSON text. */
export interface IncomingMap {
  id: number;
  json: string;
}

export interface ForwardBody {
  /** The `headers=` field of a handshake (encodeInitMessageHeaders), "K:V\r\n" lines. */
  headers: Record<string, string>;
  maps: IncomingMap[];
}

/**
 * Parses `[headers=…&]count=N&ofs=K&req0___data__=…&…`. With `sendRawJson` each
 * message is one `req<i>___data__` field; its map id is `ofs + i`, which a retried
 * POST reuses, so callers de-duplicate on it.
 */
export function parseForwardBody(body: string): ForwardBody {
  const form = new URLSearchParams(body);
  const count = Number(form.get("count") ?? "0");
  const ofs = Number(form.get("ofs") ?? "0");
  if (!Number.isInteger(count) || count < 0 || !Number.isInteger(ofs) || ofs < 0) {
    throw new Error(`Malformed WebChannel body: count=${form.get("count")} ofs=${form.get("ofs")}`);
  }
  const maps: IncomingMap[] = [];
  for (let i = 0; i < count; i++) {
    const json = form.get(`req${i}___data__`);
    if (json === null) {
      throw new Error(`Malformed WebChannel body: req${i}___data__ missing (raw JSON expected)`);
    }
    maps.push({ id: ofs + i, json });
  }
  return { headers: parseHeaderLines(form.get("headers") ?? ""), maps };
}

function parseHeaderLines(text: string): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const line of text.split("\r\n")) {
    const colon = line.indexOf(":");
    if (colon > 0) headers[line.slice(0, colon).trim()] = line.slice(colon + 1).trim();
  }
  return headers;
}
