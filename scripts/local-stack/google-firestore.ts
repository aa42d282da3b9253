// Runs Google's Firestore emulator (either jar) as a child process of the stack,
// with the project's rules loaded at start and reloaded when the file changes,
// the way `firebase emulators:start` does, and stops it with no Java left behind.
// The stack runs it itself rather than through firebase-tools, so the one
// launcher serves both jars on any Java the jar accepts, and tests can stop
// and restart Firestore mid-run.
import { readFileSync, unwatchFile, watchFile } from "node:fs";
import { createInterface } from "node:readline";
import type { GoogleEmulatorLaunch } from "./firestore-choice.js";
import { spawnGuardedGroup } from "./process-group.js";

export interface GoogleFirestoreOptions {
  launch: GoogleEmulatorLaunch;
  host: string;
  port: number;
  projectId: string;
  rulesPath: string;
  /** Every line the emulator prints. */
  log(line: string): void;
  /** Rules reloaded after the file changed: no issues, or the emulator's own words. */
  onRulesReloaded?(issues: string[]): void;
}

export interface GoogleFirestore {
  stop(): Promise<void>;
  exited: Promise<number | null>;
}

/** The emulator's answer to PUT …:securityRules, the call firebase-tools makes too. */
interface RulesIssue {
  description?: string;
  severity?: string;
  sourcePosition?: { line?: number; column?: number };
}

export function googleEmulatorArgs(options: GoogleFirestoreOptions): string[] {
  const { launch } = options;
  return [
    "-Duser.language=en",
    ...(launch.mainClass ? ["-cp", launch.jar, launch.mainClass] : ["-jar", launch.jar]),
    "--host",
    options.host,
    "--port",
    String(options.port),
    "--rules",
    options.rulesPath,
    "--project_id",
    options.projectId,
    "--single_project_mode",
    "true",
  ];
}

export async function loadRules(
  baseUrl: string,
  projectId: string,
  content: string,
): Promise<string[]> {
  const response = await fetch(`${baseUrl}/emulator/v1/projects/${projectId}:securityRules`, {
    method: "PUT",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ rules: { files: [{ name: "firestore.rules", content }] } }),
  });
  const body = (await response.json().catch(() => ({}))) as {
    issues?: RulesIssue[];
    error?: { message?: string };
  };
  const issues = (body.issues ?? []).map(
    (issue) =>
      `${issue.severity ?? "ERROR"} at ${issue.sourcePosition?.line ?? 0}:${issue.sourcePosition?.column ?? 0}: ${issue.description ?? ""}`,
  );
  if (!response.ok && issues.length === 0) {
    issues.push(
      body.error?.message?.replace(/\s*\n\s*/g, " ").trim() ||
        `the emulator answered ${response.status}`,
    );
  }
  return issues;
}

async function answersOk(baseUrl: string): Promise<boolean> {
  try {
    const response = await fetch(`${baseUrl}/`, { signal: AbortSignal.timeout(1_000) });
    return response.ok && (await response.text()).trim() === "Ok";
  } catch {
    return false;
  }
}

export async function startGoogleFirestore(
  options: GoogleFirestoreOptions,
): Promise<GoogleFirestore> {
  const baseUrl = `http://${options.host}:${options.port}`;
  const recent: string[] = [];
  // A guarded group of its own: a stop reaches the JVM and nothing else, and
  // the JVM goes with this process even when it dies without stopping it.
  const group = spawnGuardedGroup(options.launch.java.path, googleEmulatorArgs(options), {
    stopSignal: "SIGTERM",
    graceMs: 5_000,
  });
  for (const stream of [group.process.stdout, group.process.stderr]) {
    if (!stream) continue;
    createInterface({ input: stream }).on("line", (line) => {
      recent.push(line);
      if (recent.length > 20) recent.shift();
      options.log(line);
    });
  }
  let exitCode: number | null | undefined;
  const exited = group.exited.then((code) => {
    exitCode = code;
    return code;
  });

  let watching = false;
  const stop = async () => {
    if (watching) unwatchFile(options.rulesPath);
    watching = false;
    await group.stop();
  };

  const deadline = Date.now() + 60_000;
  while (!(await answersOk(baseUrl))) {
    if (exitCode !== undefined || Date.now() > deadline) {
      await stop();
      throw new Error(
        `Google's Firestore emulator did not start on ${options.host}:${options.port}` +
          `${exitCode !== undefined ? ` (exited ${exitCode})` : " within 60 s"}:\n  ${recent.join("\n  ")}`,
      );
    }
    await new Promise((resolve) => setTimeout(resolve, 150));
  }

  // Polling, because editors often replace the file rather than write into it.
  watchFile(options.rulesPath, { interval: 300 }, (now, before) => {
    if (now.mtimeMs === before.mtimeMs) return;
    const content = readFileSync(options.rulesPath, "utf8");
    loadRules(baseUrl, options.projectId, content).then(
      (issues) => options.onRulesReloaded?.(issues),
      (error: unknown) => options.onRulesReloaded?.([String(error)]),
    );
  });
  watching = true;

  return { stop, exited };
}
