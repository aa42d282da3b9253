import { describe, expect, it } from "vitest";
import { chooseFirestore, parseJavaMajor } from "./firestore-choice.js";

describe("parseJavaMajor", () => {
  it("reads modern and legacy version strings", () => {
    expect(parseJavaMajor('openjdk version "17.0.15" 2025-04-15')).toBe(17);
    expect(parseJavaMajor('openjdk version "21" 2023-09-19')).toBe(21);
    expect(parseJavaMajor('java version "1.8.0_392"')).toBe(8);
    expect(parseJavaMajor("command not found")).toBeUndefined();
  });
});

describe("chooseFirestore", () => {
  const probe = { javaMajor: 21, jarCached: true, forced: undefined };

  it("runs Google's emulator with Java 21+ and its jar", () => {
    expect(chooseFirestore(probe).kind).toBe("google");
  });

  it("falls back to the in-memory one and says why", () => {
    const noJava = chooseFirestore({ ...probe, javaMajor: undefined });
    expect(noJava).toMatchObject({ kind: "in-memory", reason: expect.stringMatching(/^no Java/) });
    const oldJava = chooseFirestore({ ...probe, javaMajor: 17 });
    expect(oldJava.reason).toMatch(/Java 17 found, Google's emulator needs 21\+/);
    const noJar = chooseFirestore({ ...probe, jarCached: false });
    expect(noJar.reason).toMatch(/jar is not downloaded/);
    for (const choice of [noJava, oldJava, noJar]) {
      expect(choice.reason).toMatch(/NO security rules are evaluated/);
    }
  });

  it("honours SMS_INBOX_FIRESTORE", () => {
    expect(chooseFirestore({ ...probe, forced: "in-memory" }).kind).toBe("in-memory");
    expect(chooseFirestore({ javaMajor: undefined, jarCached: false, forced: "google" }).kind).toBe(
      "google",
    );
  });
});
