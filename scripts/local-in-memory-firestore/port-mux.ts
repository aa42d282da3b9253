// One TCP port, two protocols: connections that open with the HTTP/2 client
// preface (gRPC from Node clients, which speak h2c with prior knowledge) are
// piped to the gRPC server; everything else is HTTP/1.1 for the browser.
import type { Server as HttpServer } from "node:http";
import net from "node:net";

const HTTP2_PREFACE = Buffer.from("PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n");

export interface PortMux {
  port: number;
  close(): Promise<void>;
}

export interface PortMuxOptions {
  host: string;
  port: number;
  /** Receives HTTP/1.1 connections; it must not listen itself. */
  http: HttpServer;
  /** Loopback port of the gRPC server. */
  grpcPort: number;
}

/** True/false once the first bytes decide; undefined while they are a strict prefix of the preface. */
export function isHttp2Preface(head: Buffer): boolean | undefined {
  const length = Math.min(head.length, HTTP2_PREFACE.length);
  if (!head.subarray(0, length).equals(HTTP2_PREFACE.subarray(0, length))) return false;
  return length === HTTP2_PREFACE.length ? true : undefined;
}

export function listenPortMux(options: PortMuxOptions): Promise<PortMux> {
  const sockets = new Set<net.Socket>();
  const track = (socket: net.Socket) => {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
  };

  const server = net.createServer((socket) => {
    track(socket);
    socket.setNoDelay(true);
    socket.on("error", () => socket.destroy());
    let head = Buffer.alloc(0);
    const onData = (data: Buffer) => {
      head = Buffer.concat([head, data]);
      const http2 = isHttp2Preface(head);
      if (http2 === undefined) return;
      socket.off("data", onData);
      socket.pause();
      if (http2) pipeToGrpc(socket, head);
      else handToHttp(socket, head);
    };
    socket.on("data", onData);
  });

  function pipeToGrpc(socket: net.Socket, head: Buffer) {
    const upstream = net.connect(options.grpcPort, "127.0.0.1");
    track(upstream);
    upstream.setNoDelay(true);
    upstream.on("error", () => socket.destroy());
    socket.on("error", () => upstream.destroy());
    upstream.on("close", () => socket.destroy());
    socket.on("close", () => upstream.destroy());
    upstream.write(head);
    socket.pipe(upstream);
    upstream.pipe(socket);
  }

  function handToHttp(socket: net.Socket, head: Buffer) {
    socket.unshift(head);
    options.http.emit("connection", socket);
    socket.resume();
  }

  return new Promise((resolve, reject) => {
    server.once("error", (error: NodeJS.ErrnoException) => {
      reject(
        error.code === "EADDRINUSE"
          ? new Error(
              `Port ${options.port} on ${options.host} is already in use, so the in-memory Firestore cannot start: stop whatever listens there (another emulator?) or configure another Firestore port.`,
            )
          : error,
      );
    });
    server.listen(options.port, options.host, () => {
      const address = server.address() as net.AddressInfo;
      resolve({
        port: address.port,
        close: () =>
          new Promise<void>((done) => {
            server.close(() => done());
            for (const socket of sockets) socket.destroy();
          }),
      });
    });
  });
}
