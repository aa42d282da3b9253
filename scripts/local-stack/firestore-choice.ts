// Decides which Firestore the local stack runs, and says why in one line:
// Google's emulator from firebase-tools' cache (needs Java 21+), else Google's
// emulator packaged with the Cloud SDK (runs on Java 17), else the in-memory one.
// Pure: what is installed arrives as a probe (see firestore-probe.ts).

/** firebase-tools 15 refuses to start its own Firestore jar on less. */
export const FIREBASE_TOOLS_MIN_JAVA = 21;
/** The Cloud SDK's emulator (1.19.x) is known to run on Debian 12's Java 17. */
export const CLOUD_SDK_MIN_JAVA = 17;

export interface JavaRuntime {
  /** The `java` executable. */
  path: string;
  major: number;
}

export interface FirestoreProbe {
  /** Every Java found (PATH, JAVA_HOME, the usual JVM folders). */
  javas: JavaRuntime[];
  /** firebase-tools' Firestore jar, when it is in firebase-tools' cache. */
  firebaseToolsJar: string | undefined;
  /** The Cloud SDK's `cloud-firestore-emulator.jar`, when the component is installed. */
  cloudSdkJar: string | undefined;
  /** SMS_INBOX_FIRESTORE, to force one. */
  forced: string | undefined;
}

/** How to start Google's emulator: one jar, one Java, one way in. */
export interface GoogleEmulatorLaunch {
  source: "firebase-tools" | "cloud-sdk";
  jar: string;
  java: JavaRuntime;
  /** The Cloud SDK jar has no Main-Class: it is started by class name. */
  mainClass: string | undefined;
}

export type FirestoreChoice =
  | { kind: "google"; launch: GoogleEmulatorLaunch; reason: string }
  | { kind: "in-memory"; reason: string };

export const CLOUD_SDK_MAIN_CLASS = "com.google.cloud.datastore.emulator.firestore.CloudFirestore";

const GOOGLE_MEANS = "firestore.rules enforced (reloaded when the file changes)";
const IN_MEMORY_MEANS =
  "in-memory Firestore (@firestore-emulator/server with the WebChannel gateway): " +
  "data in memory only, NO security rules evaluated";

/** Thrown when SMS_INBOX_FIRESTORE asks for something this machine cannot run. */
export class FirestoreUnavailableError extends Error {}

/** `java -version` prints e.g. `openjdk version "17.0.15"` or `"1.8.0_392"`. */
export function parseJavaMajor(versionOutput: string): number | undefined {
  const match = /version "(\d+)(?:\.(\d+))?/.exec(versionOutput);
  if (!match?.[1]) return undefined;
  const first = Number(match[1]);
  return first === 1 && match[2] ? Number(match[2]) : first;
}

const newestJava = (javas: JavaRuntime[], min: number): JavaRuntime | undefined =>
  javas.filter((java) => java.major >= min).sort((a, b) => b.major - a.major)[0];

const javaSummary = (javas: JavaRuntime[]): string =>
  javas.length === 0
    ? "no Java found"
    : `newest Java found is ${Math.max(...javas.map((java) => java.major))}`;

function googleLaunch(probe: FirestoreProbe): GoogleEmulatorLaunch | string {
  const toolsJava = newestJava(probe.javas, FIREBASE_TOOLS_MIN_JAVA);
  if (probe.firebaseToolsJar && toolsJava) {
    return {
      source: "firebase-tools",
      jar: probe.firebaseToolsJar,
      java: toolsJava,
      mainClass: undefined,
    };
  }
  const sdkJava = newestJava(probe.javas, CLOUD_SDK_MIN_JAVA);
  if (probe.cloudSdkJar && sdkJava) {
    return {
      source: "cloud-sdk",
      jar: probe.cloudSdkJar,
      java: sdkJava,
      mainClass: CLOUD_SDK_MAIN_CLASS,
    };
  }
  // Why neither can run, in the user's terms.
  const tools = probe.firebaseToolsJar
    ? `firebase-tools' jar needs Java ${FIREBASE_TOOLS_MIN_JAVA}+ (${javaSummary(probe.javas)})`
    : "firebase-tools' jar is not downloaded";
  const sdk = probe.cloudSdkJar
    ? `the Cloud SDK's emulator needs Java ${CLOUD_SDK_MIN_JAVA}+ (${javaSummary(probe.javas)})`
    : "no Cloud SDK Firestore emulator found";
  return `${tools}; ${sdk}`;
}

function describeGoogle(launch: GoogleEmulatorLaunch): string {
  const from =
    launch.source === "firebase-tools"
      ? "firebase-tools' jar"
      : "the Cloud SDK (google-cloud-cli-firestore-emulator)";
  return `Google's Firestore emulator from ${from} on Java ${launch.java.major}: ${GOOGLE_MEANS}`;
}

export function chooseFirestore(probe: FirestoreProbe): FirestoreChoice {
  const forced = probe.forced?.trim() || undefined;
  if (forced !== undefined && forced !== "google" && forced !== "in-memory") {
    throw new FirestoreUnavailableError(
      `SMS_INBOX_FIRESTORE=${forced} is not a choice: use google or in-memory (or leave it unset).`,
    );
  }
  if (forced === "in-memory") {
    return { kind: "in-memory", reason: `${IN_MEMORY_MEANS} (SMS_INBOX_FIRESTORE=in-memory)` };
  }
  const launch = googleLaunch(probe);
  if (typeof launch === "string") {
    if (forced === "google") {
      throw new FirestoreUnavailableError(
        `SMS_INBOX_FIRESTORE=google, but Google's Firestore emulator cannot run here: ${launch}. ` +
          "Install Java 21+ and run `npx firebase setup:emulators:firestore` once online, " +
          "or install the Cloud SDK component (`gcloud components install cloud-firestore-emulator`, " +
          "or apt's google-cloud-cli-firestore-emulator) with Java 17+.",
      );
    }
    return { kind: "in-memory", reason: `${IN_MEMORY_MEANS} (${launch})` };
  }
  const why = forced === "google" ? " (SMS_INBOX_FIRESTORE=google)" : "";
  return { kind: "google", launch, reason: `${describeGoogle(launch)}${why}` };
}
