// Reads the request heads out of one HTTP/1.1 connection's client-to-server
// bytes, so the outage switch can tell which requests are Firestore's Listen
// channel. Only what a browser sends Firestore is handled: heads, then a
// Content-Length body (WebChannel's POSTs), one request after another. An
// HTTP/2 connection (the Admin SDK's gRPC) is recognised by its preface and
// left alone.

const HTTP2_PREFACE = "PRI * HTTP/2.0";
const MAX_HEAD_BYTES = 64 * 1024;

export interface RequestHeadReader {
  /** Feeds client bytes; returns the path of the latest request begun so far, or null. */
  feed(chunk: Buffer): string | null;
  /** True once the connection showed it is not HTTP/1.1 (or broke the framing). */
  readonly opaque: boolean;
}

export function requestHeadReader(): RequestHeadReader {
  let pending = Buffer.alloc(0);
  let bodyLeft = 0;
  let latestPath: string | null = null;
  let opaque = false;
  return {
    get opaque() {
      return opaque;
    },
    feed(chunk) {
      if (opaque) return latestPath;
      let data = pending.length > 0 ? Buffer.concat([pending, chunk]) : chunk;
      pending = Buffer.alloc(0);
      while (data.length > 0) {
        if (bodyLeft > 0) {
          const taken = Math.min(bodyLeft, data.length);
          bodyLeft -= taken;
          data = data.subarray(taken);
          continue;
        }
        const end = data.indexOf("\r\n\r\n");
        if (end < 0) {
          if (data.length > MAX_HEAD_BYTES) opaque = true;
          else pending = Buffer.from(data);
          break;
        }
        const head = data.subarray(0, end).toString("latin1");
        if (head.startsWith(HTTP2_PREFACE)) {
          opaque = true;
          break;
        }
        const [requestLine = "", ...headers] = head.split("\r\n");
        latestPath = requestLine.split(" ")[1] ?? null;
        const length = headers
          .map((line) => /^content-length:\s*(\d+)\s*$/i.exec(line)?.[1])
          .find((value) => value !== undefined);
        bodyLeft = length ? Number(length) : 0;
        data = data.subarray(end + 4);
      }
      return latestPath;
    },
  };
}
