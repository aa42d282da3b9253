// Looks on this machine for what Google's Firestore emulator needs: a Java, and
// its jar from firebase-tools' cache or from the Cloud SDK. The decision itself
// is pure (firestore-choice.ts); this module only reads the disk and runs
// `java -version`.
import { execFile } from "node:child_process";
import { existsSync, readdirSync, readFileSync, realpathSync } from "node:fs";
import { createRequire } from "node:module";
import { homedir } from "node:os";
import { delimiter, dirname, join } from "node:path";
import { promisify } from "node:util";
import { type FirestoreProbe, type JavaRuntime, parseJavaMajor } from "./firestore-choice.js";

const CLOUD_SDK_JAR = join("platform", "cloud-firestore-emulator", "cloud-firestore-emulator.jar");

const subfolders = (folder: string): string[] => {
  try {
    return readdirSync(folder).map((name) => join(folder, name));
  } catch {
    return [];
  }
};

/** Where a `java` may be: PATH, JAVA_HOME, and the folders Linux and macOS install JDKs in. */
export function javaCandidates(env: NodeJS.ProcessEnv): string[] {
  const onPath = (env.PATH ?? "")
    .split(delimiter)
    .filter(Boolean)
    .map((dir) => join(dir, "java"));
  return [
    ...(env.JAVA_HOME ? [join(env.JAVA_HOME, "bin", "java")] : []),
    ...onPath,
    ...subfolders("/usr/lib/jvm").map((jdk) => join(jdk, "bin", "java")),
    ...subfolders("/Library/Java/JavaVirtualMachines").map((jdk) =>
      join(jdk, "Contents", "Home", "bin", "java"),
    ),
    ...["/opt/homebrew/opt", "/usr/local/opt"].flatMap((opt) =>
      subfolders(opt)
        .filter((dir) => /\/openjdk(@\d+)?$/.test(dir))
        .map((dir) => join(dir, "bin", "java")),
    ),
  ];
}

/** Where the Cloud SDK may live: CLOUDSDK_ROOT_DIR, beside `gcloud` on PATH, the usual installs. */
export function cloudSdkRoots(env: NodeJS.ProcessEnv, home: string): string[] {
  const besideGcloud = (env.PATH ?? "")
    .split(delimiter)
    .filter(Boolean)
    .map((dir) => join(dir, "gcloud"))
    .filter((gcloud) => existsSync(gcloud))
    // /usr/bin/gcloud links to <root>/bin/gcloud.
    .map((gcloud) => dirname(dirname(realpathSync(gcloud))));
  return [
    ...(env.CLOUDSDK_ROOT_DIR ? [env.CLOUDSDK_ROOT_DIR] : []),
    ...besideGcloud,
    "/usr/lib/google-cloud-sdk",
    "/usr/share/google-cloud-sdk",
    "/opt/google-cloud-sdk",
    "/snap/google-cloud-cli/current",
    "/snap/google-cloud-sdk/current",
    join(home, "google-cloud-sdk"),
    "/opt/homebrew/share/google-cloud-sdk",
    "/usr/local/share/google-cloud-sdk",
    "/opt/homebrew/Caskroom/google-cloud-sdk/latest/google-cloud-sdk",
    "/usr/local/Caskroom/google-cloud-sdk/latest/google-cloud-sdk",
  ];
}

async function javaVersion(path: string): Promise<JavaRuntime | undefined> {
  try {
    // java prints its version on stderr.
    const { stderr, stdout } = await promisify(execFile)(path, ["-version"], { timeout: 10_000 });
    const major = parseJavaMajor(`${stderr}${stdout}`);
    return major === undefined ? undefined : { path, major };
  } catch {
    return undefined;
  }
}

export async function findJavas(env: NodeJS.ProcessEnv = process.env): Promise<JavaRuntime[]> {
  const unique = new Map<string, string>();
  for (const candidate of javaCandidates(env)) {
    if (!existsSync(candidate)) continue;
    const real = realpathSync(candidate);
    if (!unique.has(real)) unique.set(real, candidate);
  }
  const found = await Promise.all([...unique.values()].map(javaVersion));
  return found.filter((java): java is JavaRuntime => java !== undefined);
}

function firebaseToolsJarName(): string {
  const require = createRequire(import.meta.url);
  const infoPath = join(
    require.resolve("firebase-tools/package.json"),
    "..",
    "lib/emulator/downloadableEmulatorInfo.json",
  );
  const info = JSON.parse(readFileSync(infoPath, "utf8")) as {
    firestore: { downloadPathRelativeToCacheDir: string };
  };
  return info.firestore.downloadPathRelativeToCacheDir;
}

export function findFirebaseToolsJar(env: NodeJS.ProcessEnv, home: string): string | undefined {
  const cacheDir = env.FIREBASE_EMULATORS_PATH ?? join(home, ".cache", "firebase", "emulators");
  const jar = join(cacheDir, firebaseToolsJarName());
  return existsSync(jar) ? jar : undefined;
}

export function findCloudSdkJar(env: NodeJS.ProcessEnv, home: string): string | undefined {
  return cloudSdkRoots(env, home)
    .map((root) => join(root, CLOUD_SDK_JAR))
    .find((jar) => existsSync(jar));
}

export async function probeFirestore(
  env: NodeJS.ProcessEnv = process.env,
  home: string = homedir(),
): Promise<FirestoreProbe> {
  return {
    javas: await findJavas(env),
    firebaseToolsJar: findFirebaseToolsJar(env, home),
    cloudSdkJar: findCloudSdkJar(env, home),
    forced: env.SMS_INBOX_FIRESTORE,
  };
}
