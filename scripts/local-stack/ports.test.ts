import { createServer } from "node:net";
import { describe, expect, it } from "vitest";
import { assertPortsFree, resolvePorts } from "./ports.js";

const pinned = {
  hub: { port: 4400 },
  hosting: { port: 5000 },
  functions: { port: 5001 },
  firestore: { port: 8080 },
  auth: { port: 9099 },
  logging: { port: 4500 },
  ui: { enabled: false },
};

describe("resolvePorts", () => {
  it("uses firebase.json's pins unless overridden", () => {
    const ports = resolvePorts(pinned, { SMS_INBOX_HOSTING_PORT: "5050" });
    expect(ports).toMatchObject({ hosting: 5050, functions: 5001, firestore: 8080 });
  });

  it("rejects an override that is not a port", () => {
    expect(() => resolvePorts(pinned, { SMS_INBOX_AUTH_PORT: "http" })).toThrow(
      "SMS_INBOX_AUTH_PORT=http is not a port number",
    );
  });
});

describe("assertPortsFree", () => {
  it("names a taken port and the variable that moves it", async () => {
    const blocker = createServer();
    await new Promise<void>((resolve) => blocker.listen(0, "127.0.0.1", resolve));
    const taken = (blocker.address() as { port: number }).port;
    const ports = { ...resolvePorts(pinned, {}), hosting: taken };
    try {
      await expect(assertPortsFree("127.0.0.1", ports)).rejects.toThrow(
        `hosting port ${taken} is in use: stop what holds it, or set SMS_INBOX_HOSTING_PORT=<free port>`,
      );
    } finally {
      blocker.close();
    }
  });
});
