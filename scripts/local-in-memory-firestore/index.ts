// The local stack's Firestore when Google's (Java) emulator is not available:
// the in-memory @firestore-emulator/server for Node clients (gRPC), and a
// WebChannel gateway for the browser SDK, both on the one configured port.
import http from "node:http";
import { startEmulator } from "./emulator.js";
import { createGateway, type GatewayLimits } from "./http-handler.js";
import { connectListenUpstream, type WireTap } from "./listen-upstream.js";
import { listenPortMux } from "./port-mux.js";

export interface InMemoryFirestore {
  host: string;
  port: number;
  stop(): Promise<void>;
}

export interface InMemoryFirestoreOptions {
  host: string;
  /** 0 picks a free port (tests); the returned `port` is the one bound. */
  port: number;
  log?: (line: string) => void;
}

/** Tuning and recording hooks for tests and tools; the stack uses the defaults. */
export interface InMemoryFirestoreInternals {
  limits?: Partial<GatewayLimits>;
  wireTap?: WireTap;
  /** Sees every HTTP/1.1 request before the gateway (wire-sample recording). */
  onHttpRequest?: (req: http.IncomingMessage, res: http.ServerResponse) => void;
}

export async function startInMemoryFirestore(
  opts: InMemoryFirestoreOptions,
  internals: InMemoryFirestoreInternals = {},
): Promise<InMemoryFirestore> {
  const log = opts.log ?? (() => {});
  const emulator = await startEmulator(log);
  const upstream = connectListenUpstream(emulator.address, internals.wireTap);
  const gateway = createGateway({
    upstream,
    clearProject: emulator.clearProject,
    log,
    limits: internals.limits,
  });
  const httpServer = http.createServer((req, res) => {
    internals.onHttpRequest?.(req, res);
    gateway.handle(req, res);
  });
  const stopBackends = () => {
    gateway.close();
    upstream.close();
    emulator.stop();
  };

  let mux: Awaited<ReturnType<typeof listenPortMux>>;
  try {
    mux = await listenPortMux({
      host: opts.host,
      port: opts.port,
      http: httpServer,
      grpcPort: emulator.port,
    });
  } catch (error) {
    stopBackends();
    throw error;
  }
  log(`in-memory firestore: gRPC + WebChannel on ${opts.host}:${mux.port}`);

  let stopped: Promise<void> | undefined;
  return {
    host: opts.host,
    port: mux.port,
    stop() {
      stopped ??= (async () => {
        stopBackends();
        await mux.close();
        log("in-memory firestore: stopped");
      })();
      return stopped;
    },
  };
}
