// The gateway's gRPC side: one Listen call per browser target, because the
// in-memory emulator reads only the first ListenRequest of a stream.
import { Client, credentials, Metadata, status } from "@grpc/grpc-js";
import {
  decodeListenResponse,
  encodeListenRequest,
  type ListenRequestJson,
  type ListenResponseJson,
} from "./proto-json.js";

const LISTEN_METHOD = "/google.firestore.v1.Firestore/Listen";

/** The error a WebChannel client expects: the SDK maps `status` to its error code. */
export interface RpcErrorJson {
  error: { code: number; message: string; status: string };
}

export interface TargetCallHandlers {
  onResponse(response: ListenResponseJson): void;
  onError(error: RpcErrorJson): void;
}

export interface TargetCall {
  /** Half-closes the call (the emulator unregisters its listeners on end), then cancels it. */
  close(): void;
}

export interface ListenUpstream {
  open(request: ListenRequestJson, handlers: TargetCallHandlers): TargetCall;
  close(): void;
}

/** Hook for recording wire samples (scripts/…/record-wire-samples.ts); never logs by itself. */
export interface WireTap {
  request?(bytes: Buffer): void;
  response?(bytes: Buffer): void;
}

// The emulator never ends a Listen call itself; after our half-close it only needs
// a moment to see "end" before the cancel frees the stream on both sides.
const CANCEL_AFTER_END_MS = 200;

export function connectListenUpstream(address: string, tap: WireTap = {}): ListenUpstream {
  const client = new Client(address, credentials.createInsecure());
  const pendingCancels = new Map<NodeJS.Timeout, () => void>();

  const serialize = (request: ListenRequestJson): Buffer => {
    const bytes = encodeListenRequest(request);
    tap.request?.(bytes);
    return bytes;
  };
  const deserialize = (bytes: Buffer): ListenResponseJson => {
    tap.response?.(bytes);
    return decodeListenResponse(bytes);
  };

  return {
    open(request, handlers) {
      const call = client.makeBidiStreamRequest(
        LISTEN_METHOD,
        serialize,
        deserialize,
        new Metadata(),
      );
      let closed = false;
      call.on("data", (response: ListenResponseJson) => {
        if (!closed) handlers.onResponse(response);
      });
      call.on("error", (error: Error & { code?: number; details?: string }) => {
        if (closed) return;
        closed = true;
        const code = error.code ?? status.UNKNOWN;
        handlers.onError({
          error: {
            code,
            message: error.details ?? error.message,
            status: status[code] ?? "UNKNOWN",
          },
        });
      });
      call.write(request);
      return {
        close() {
          if (closed) return;
          closed = true;
          call.end();
          const cancel = () => {
            pendingCancels.delete(timer);
            call.cancel();
          };
          const timer = setTimeout(cancel, CANCEL_AFTER_END_MS);
          pendingCancels.set(timer, cancel);
        },
      };
    },
    close() {
      for (const [timer, cancel] of pendingCancels) {
        clearTimeout(timer);
        cancel();
      }
      client.close();
    },
  };
}
