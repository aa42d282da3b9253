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
  /** Ends the call; responses that arrive afterwards are dropped. */
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

export function connectListenUpstream(address: string, tap: WireTap = {}): ListenUpstream {
  const client = new Client(address, credentials.createInsecure());

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
          // end() is the half-close the emulator listens for; the emulator never
          // ends a Listen call itself, so cancel() frees the stream on both sides.
          call.end();
          call.cancel();
        },
      };
    },
    close() {
      client.close();
    },
  };
}
