// A loopback HTTP endpoint through which tests (running in worker processes)
// ask the stack that the test run owns to stop or restart Firestore.
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import type { RunningStack } from "./stack.js";

export const STACK_CONTROL_VARIABLE = "SMS_INBOX_STACK_CONTROL";

export async function startStackControl(stack: RunningStack) {
  const actions: Record<string, () => Promise<void>> = {
    "/firestore/stop": () => stack.stopFirestore(),
    "/firestore/start": () => stack.restartFirestore(),
    "/firestore/listen/hold": () => stack.holdListen(),
    "/firestore/listen/release": () => stack.releaseListen(),
  };
  const server = createServer((req, res) => {
    const action = req.method === "POST" ? actions[req.url ?? ""] : undefined;
    if (!action) {
      res.writeHead(404).end();
      return;
    }
    action().then(
      () => res.writeHead(204).end(),
      (error: unknown) => res.writeHead(409).end(String(error)),
    );
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
