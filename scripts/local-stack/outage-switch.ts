// A TCP pass-through in front of Google's Firestore emulator that tests can cut
// and restore: an outage as a client sees one (connections reset, then
// refused), with the emulator's data and rules still there when it comes back,
// as after a real Firestore outage. Restarting the JVM instead would take
// seconds and lose config/access, so a signed-in page would come back refused.
import { connect, createServer, type Server, type Socket } from "node:net";

export interface OutageSwitch {
  /** Resets every open connection and refuses new ones until restore(). */
  cut(): Promise<void>;
  restore(): Promise<void>;
  close(): Promise<void>;
}

export async function startOutageSwitch(options: {
  host: string;
  port: number;
  upstreamPort: number;
}): Promise<OutageSwitch> {
  const open = new Set<Socket>();
  const track = (socket: Socket) => {
    open.add(socket);
    socket.once("close", () => open.delete(socket));
  };
  const server: Server = createServer((client) => {
    const upstream = connect(options.upstreamPort, options.host);
    track(client);
    track(upstream);
    client.pipe(upstream).pipe(client);
    // One side failing ends both, as a dropped connection would.
    client.once("error", () => upstream.destroy());
    upstream.once("error", () => client.destroy());
    client.once("close", () => upstream.destroy());
    upstream.once("close", () => client.destroy());
  });
  let listening = false;
  const listen = () =>
    new Promise<void>((resolve, reject) => {
      server.once("error", reject);
      server.listen(options.port, options.host, () => {
        server.off("error", reject);
        listening = true;
        resolve();
      });
    });
  const stopListening = () =>
    new Promise<void>((resolve) => {
      if (!listening) return resolve();
      listening = false;
      server.close(() => resolve());
      for (const socket of open) socket.resetAndDestroy();
    });
  await listen();
  return {
    cut: stopListening,
    restore: async () => {
      if (!listening) await listen();
    },
    close: stopListening,
  };
}
