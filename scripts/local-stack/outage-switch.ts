// A TCP pass-through in front of the stack's Firestore that tests can cut
// and restore: an outage as a client sees one (connections reset, then
// refused), with Google's emulator's data and rules still there when it comes
// back, as after a real Firestore outage. Restarting the JVM instead would
// take seconds and lose config/access, so a signed-in page would come back
// refused.
//
// It can also hold Firestore's Listen channel while everything else passes
// (the probe's GET, the Write channel, the Admin SDK's gRPC): the page's
// listeners go silent without any error, as a listen target stuck waiting
// for an acknowledgement does. Held bytes flow on, in order, on release.
import { connect, createServer, type Server, type Socket } from "node:net";
import { requestHeadReader } from "./http-request-heads.js";

const LISTEN_CHANNEL = "/google.firestore.v1.Firestore/Listen/channel";

export interface OutageSwitch {
  /** Resets every open connection and refuses new ones until restore(). */
  cut(): Promise<void>;
  restore(): Promise<void>;
  /** Stops passing the Listen channel's bytes, both ways, until releaseListen(). */
  holdListen(): void;
  releaseListen(): void;
  close(): Promise<void>;
}

interface Pass {
  /** The connection's latest request is on the Listen channel. */
  listen: boolean;
  toUpstream: Buffer[];
  toClient: Buffer[];
  flush(): void;
}

export async function startOutageSwitch(options: {
  host: string;
  port: number;
  upstreamPort: number;
}): Promise<OutageSwitch> {
  const open = new Set<Socket>();
  const passes = new Set<Pass>();
  let holding = false;
  const track = (socket: Socket) => {
    open.add(socket);
    socket.once("close", () => open.delete(socket));
  };
  const server: Server = createServer((client) => {
    const upstream = connect(options.upstreamPort, options.host);
    track(client);
    track(upstream);
    const heads = requestHeadReader();
    const pass: Pass = {
      listen: false,
      toUpstream: [],
      toClient: [],
      flush() {
        for (const chunk of pass.toUpstream.splice(0)) upstream.write(chunk);
        for (const chunk of pass.toClient.splice(0)) client.write(chunk);
      },
    };
    passes.add(pass);
    const held = () => holding && pass.listen;
    client.on("data", (chunk: Buffer) => {
      const path = heads.feed(chunk);
      pass.listen = !heads.opaque && path !== null && path.startsWith(LISTEN_CHANNEL);
      if (held() || pass.toUpstream.length > 0) pass.toUpstream.push(chunk);
      else upstream.write(chunk);
    });
    upstream.on("data", (chunk: Buffer) => {
      if (held() || pass.toClient.length > 0) pass.toClient.push(chunk);
      else client.write(chunk);
    });
    client.once("end", () => upstream.end());
    upstream.once("end", () => client.end());
    // One side failing ends both, as a dropped connection would.
    client.once("error", () => upstream.destroy());
    upstream.once("error", () => client.destroy());
    client.once("close", () => {
      upstream.destroy();
      passes.delete(pass);
    });
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
    holdListen() {
      holding = true;
    },
    releaseListen() {
      holding = false;
      for (const pass of passes) pass.flush();
    },
    close: stopListening,
  };
}
