import { DEMO_PROJECT_ID } from "functions/contract/local-stack";
import { describe, expect, it } from "vitest";
import { parseRetentionMinutes, resolveConfig } from "../src/config.js";

describe("configuration from the build mode", () => {
  it("points emulator builds at the local stack", () => {
    const config = resolveConfig("emulator", {});
    expect(config.firebase.projectId).toBe(DEMO_PROJECT_ID);
    expect(config.emulators).toEqual({
      firestore: { host: "127.0.0.1", port: 8080 },
      authUrl: "http://127.0.0.1:9099",
    });
    expect(config.retentionMinutes).toBe(10);
    expect(config.firestoreProbeUrl).toBe("http://127.0.0.1:8080/");
  });

  it("reads production settings from VITE_FIREBASE_*", () => {
    const config = resolveConfig("production", {
      VITE_FIREBASE_API_KEY: "key",
      VITE_FIREBASE_AUTH_DOMAIN: "p.firebaseapp.com",
      VITE_FIREBASE_PROJECT_ID: "p",
      VITE_RETENTION_MINUTES: "15",
      VITE_ACCESS_CONTACT: "ops@example.com",
    });
    expect(config.firebase).toEqual({
      apiKey: "key",
      authDomain: "p.firebaseapp.com",
      projectId: "p",
    });
    expect(config.emulators).toBeUndefined();
    expect(config.retentionMinutes).toBe(15);
    expect(config.accessContact).toBe("ops@example.com");
  });

  it("names every missing production variable", () => {
    expect(() => resolveConfig("production", { VITE_FIREBASE_API_KEY: "key" })).toThrow(
      /VITE_FIREBASE_AUTH_DOMAIN, VITE_FIREBASE_PROJECT_ID/,
    );
  });

  it("rejects a retention that is not a sensible number of minutes", () => {
    expect(() => parseRetentionMinutes("ten")).toThrow(/VITE_RETENTION_MINUTES/);
    expect(() => parseRetentionMinutes("0")).toThrow();
    expect(parseRetentionMinutes("2.5")).toBe(2.5);
  });
});

describe("emulator ports", () => {
  it("follows ports moved for this run", () => {
    const config = resolveConfig("emulator", {
      VITE_FIRESTORE_EMULATOR_PORT: "8180",
      VITE_AUTH_EMULATOR_PORT: "9199",
    });
    expect(config.emulators).toEqual({
      firestore: { host: "127.0.0.1", port: 8180 },
      authUrl: "http://127.0.0.1:9199",
    });
  });

  it("rejects a port that is not one", () => {
    expect(() => resolveConfig("emulator", { VITE_AUTH_EMULATOR_PORT: "99999" })).toThrow(
      /VITE_AUTH_EMULATOR_PORT/,
    );
  });
});
