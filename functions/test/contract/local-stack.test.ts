import { describe, expect, it } from "vitest";
import { resolveEmulatorPorts } from "../../src/contract/local-stack.js";

const pinned = {
  hub: { port: 4400 },
  hosting: { port: 5000 },
  functions: { port: 5001 },
  firestore: { port: 8080 },
  auth: { port: 9099 },
  logging: { port: 4500 },
  ui: { enabled: false },
};

describe("resolveEmulatorPorts", () => {
  it("uses firebase.json's pins unless overridden", () => {
    const ports = resolveEmulatorPorts(pinned, { SMS_INBOX_HOSTING_PORT: "5050" });
    expect(ports).toMatchObject({ hosting: 5050, functions: 5001, firestore: 8080 });
  });

  it("rejects an override that is not a port", () => {
    expect(() => resolveEmulatorPorts(pinned, { SMS_INBOX_AUTH_PORT: "http" })).toThrow(
      "SMS_INBOX_AUTH_PORT=http is not a port number",
    );
  });

  it("names an emulator firebase.json pins no port for", () => {
    const { auth: _auth, ...withoutAuth } = pinned;
    expect(() => resolveEmulatorPorts(withoutAuth, {})).toThrow(
      "firebase.json pins no port for the auth emulator",
    );
  });
});
