import { describe, expect, it } from "vitest";
import {
  CLOUD_SDK_MAIN_CLASS,
  chooseFirestore,
  type FirestoreProbe,
  FirestoreUnavailableError,
  parseJavaMajor,
} from "./firestore-choice.js";

describe("parseJavaMajor", () => {
  it("reads modern and legacy version strings", () => {
    expect(parseJavaMajor('openjdk version "17.0.15" 2025-04-15')).toBe(17);
    expect(parseJavaMajor('openjdk version "21" 2023-09-19')).toBe(21);
    expect(parseJavaMajor('openjdk version "25.0.1" 2025-10-21 LTS')).toBe(25);
    expect(parseJavaMajor('java version "1.8.0_392"')).toBe(8);
    expect(parseJavaMajor("command not found")).toBeUndefined();
  });
});

describe("chooseFirestore", () => {
  const java17 = { path: "/usr/bin/java", major: 17 };
  const java25 = { path: "/usr/lib/jvm/temurin-25-jdk-amd64/bin/java", major: 25 };
  const toolsJar = "/home/u/.cache/firebase/emulators/cloud-firestore-emulator-v1.22.0.jar";
  const sdkJar =
    "/usr/lib/google-cloud-sdk/platform/cloud-firestore-emulator/cloud-firestore-emulator.jar";
  const nothing: FirestoreProbe = {
    javas: [],
    firebaseToolsJar: undefined,
    cloudSdkJar: undefined,
    forced: undefined,
  };

  it("prefers firebase-tools' own jar with the newest Java 21+", () => {
    const choice = chooseFirestore({
      ...nothing,
      javas: [java17, java25],
      firebaseToolsJar: toolsJar,
      cloudSdkJar: sdkJar,
    });
    expect(choice).toMatchObject({
      kind: "google",
      launch: { source: "firebase-tools", jar: toolsJar, java: java25, mainClass: undefined },
    });
    expect(choice.reason).toMatch(/firebase-tools' jar on Java 25: firestore\.rules enforced/);
  });

  it("runs the Cloud SDK's emulator on Java 17 when firebase-tools' jar cannot run", () => {
    for (const probe of [
      { ...nothing, javas: [java17], firebaseToolsJar: toolsJar, cloudSdkJar: sdkJar },
      { ...nothing, javas: [java17, java25], cloudSdkJar: sdkJar },
    ]) {
      const choice = chooseFirestore(probe);
      expect(choice).toMatchObject({
        kind: "google",
        launch: { source: "cloud-sdk", jar: sdkJar, mainClass: CLOUD_SDK_MAIN_CLASS },
      });
      expect(choice.reason).toMatch(/Cloud SDK .* firestore\.rules enforced/);
    }
  });

  it("falls back to the in-memory one and says why, in one line", () => {
    const cases: Array<[FirestoreProbe, RegExp]> = [
      [nothing, /jar is not downloaded; no Cloud SDK Firestore emulator found/],
      [{ ...nothing, firebaseToolsJar: toolsJar }, /needs Java 21\+ \(no Java found\)/],
      [
        { ...nothing, javas: [{ path: "java", major: 11 }], cloudSdkJar: sdkJar },
        /Cloud SDK's emulator needs Java 17\+ \(newest Java found is 11\)/,
      ],
    ];
    for (const [probe, why] of cases) {
      const choice = chooseFirestore(probe);
      expect(choice.kind).toBe("in-memory");
      expect(choice.reason).toMatch(why);
      expect(choice.reason).toMatch(/NO security rules evaluated/);
      expect(choice.reason).not.toMatch(/\n/);
    }
  });

  it("honours SMS_INBOX_FIRESTORE", () => {
    const both = { ...nothing, javas: [java25], cloudSdkJar: sdkJar };
    expect(chooseFirestore({ ...both, forced: "in-memory" }).kind).toBe("in-memory");
    expect(chooseFirestore({ ...both, forced: "google" }).kind).toBe("google");
  });

  it("refuses to force what cannot run, instead of falling back silently", () => {
    expect(() => chooseFirestore({ ...nothing, forced: "google" })).toThrow(
      FirestoreUnavailableError,
    );
    expect(() => chooseFirestore({ ...nothing, forced: "google" })).toThrow(
      /SMS_INBOX_FIRESTORE=google, but .* cannot run here/,
    );
    expect(() => chooseFirestore({ ...nothing, forced: "gogle" })).toThrow(
      /SMS_INBOX_FIRESTORE=gogle is not a choice: use google or in-memory/,
    );
  });
});
