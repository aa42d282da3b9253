import { createServer } from "node:net";
import { describe, expect, it } from "vitest";
import { assertPortsFree } from "./ports.js";

const ports = {
  hub: 4400,
  hosting: 5000,
  functions: 5001,
  firestore: 8080,
  auth: 9099,
  logging: 4500,
};

describe("assertPortsFree", () => {
  it("names a taken port and the variable that moves it", async () => {
    const blocker = createServer();
    await new Promise<void>((resolve) => blocker.listen(0, "127.0.0.1", resolve));
    const taken = (blocker.address() as { port: number }).port;
    try {
      await expect(assertPortsFree("127.0.0.1", { ...ports, hosting: taken })).rejects.toThrow(
        `hosting port ${taken} is in use: stop what holds it, or set SMS_INBOX_HOSTING_PORT=<free port>`,
      );
    } finally {
      blocker.close();
    }
  });
});
