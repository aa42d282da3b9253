// `npm run doctor [-- --url https://<site>]`: checks a running inbox from the
// outside, one line per check (✓, ✗ with the fix, – when skipped), and exits
// 0 only when none failed. No --url: the local stack, with its own secret.
// The checks are in checks/; this file gathers the target and admin access.
import { randomUUID } from "node:crypto";
import { existsSync, readFileSync } from "node:fs";
import { parse as parseDotenv } from "dotenv";
import { type App, deleteApp } from "firebase-admin/app";
import { getFirestore } from "firebase-admin/firestore";
import { COLLECTIONS } from "functions/contract/firestore-schema";
import { DEMO_PROJECT_ID } from "functions/contract/local-stack";
import { readAccessState } from "../access/access-store.js";
import { loadDotenvFile } from "../auth0/config.js";
import {
  type Command,
  guarded,
  isEntryPoint,
  parseCommandLine,
  runCommand,
  UsageError,
} from "../cli/command.js";
import { EXIT } from "../cli/exit-codes.js";
import { LOCAL_SECRETS_PATH, localEmulatorPorts } from "../cli/repo-facts.js";
import { adminApp } from "../firestore/admin.js";
import { assertReachable, localFirestoreHost } from "../firestore/connect.js";
import {
  type AdminAccess,
  allPassed,
  type Check,
  formatResult,
  runChecks,
  summary,
} from "./check.js";
import { CHECKS } from "./checks/index.js";
import { httpRequest, jsonOf } from "./http.js";
import {
  type DoctorTarget,
  localSecrets,
  localTarget,
  parseInboxUrl,
  remoteTarget,
  type WebConfig,
} from "./target.js";

export const USAGE = `Usage: npm run doctor [-- options]
  (no --url)        check the local stack (npm start), with its secret from functions/.secret.local
  --url <url>       check a deployment: the inbox's address, e.g. https://<project>.web.app
  --allow-public    public mode is on on purpose: report it without failing
  --admin           with --url: also read the allow-list, with Application Default Credentials
  --project <id>    with --url: the Firebase project, when the site does not say (/__/firebase/init.json)
  --api-key <key>   with --url: the web app's API key, likewise
With --url the function's secrets (OTP_WEBHOOK_SECRET) come from the environment or .env.
Exit code 0 when no check failed, 1 when one did, 64 for bad arguments.`;

export interface DoctorOptions {
  /** Where the local stack's secret is read from (tests point it elsewhere). */
  localSecretsPath?: string;
  checks?: readonly Check[];
}

const HOST = "127.0.0.1";

/** Admin SDK access on an app of the doctor's own, deleted when it is done. */
function adminAccess(projectId: string): { access: AdminAccess; close(): Promise<void> } {
  let app: App | undefined;
  const db = () => {
    app ??= adminApp(projectId, `doctor-${randomUUID()}`);
    return getFirestore(app);
  };
  return {
    access: {
      readAccess: () => readAccessState(db()),
      readCode: async (id) => (await db().collection(COLLECTIONS.codes).doc(id).get()).data(),
    },
    close: async () => {
      if (app) await deleteApp(app);
    },
  };
}

async function readWebConfig(origin: string): Promise<{ config?: WebConfig; problem?: string }> {
  const answer = await httpRequest({ url: `${origin}/__/firebase/init.json` }, 15_000);
  const body = jsonOf(answer) as WebConfig | undefined;
  if (answer.status === 200 && body && typeof body === "object") return { config: body };
  return { problem: `${origin}/__/firebase/init.json answered ${answer.status || answer.error}` };
}

function parseDoctorArgs(argv: string[]) {
  const parsed = parseCommandLine(
    argv,
    {
      url: { type: "string" },
      "allow-public": { type: "boolean", default: false },
      admin: { type: "boolean", default: false },
      project: { type: "string" },
      "api-key": { type: "string" },
      help: { type: "boolean", short: "h", default: false },
    },
    USAGE,
  );
  if (parsed.values.url === undefined) {
    for (const flag of ["admin", "project", "api-key"] as const) {
      if (parsed.values[flag]) throw new UsageError(`--${flag} goes with --url.\n${USAGE}`);
    }
  }
  return parsed;
}

export function doctorCommand(options: DoctorOptions = {}): Command {
  return (argv, { env, output }) =>
    guarded(output, async () => {
      let values: ReturnType<typeof parseDoctorArgs>;
      try {
        values = parseDoctorArgs(argv);
      } catch (error) {
        output.err(`✖ ${error instanceof Error ? error.message : String(error)}`);
        return EXIT.usage;
      }
      const flags = values.values;
      if (flags.help) {
        output.out(USAGE);
        return EXIT.ok;
      }

      let target: DoctorTarget;
      let admin: ReturnType<typeof adminAccess> | undefined;
      if (flags.url === undefined) {
        const ports = localEmulatorPorts(env);
        const secretPath = options.localSecretsPath ?? LOCAL_SECRETS_PATH;
        target = localTarget({
          host: HOST,
          hostingPort: ports.hosting,
          firestorePort: ports.firestore,
          projectId: DEMO_PROJECT_ID,
          secrets: localSecrets(
            existsSync(secretPath) ? parseDotenv(readFileSync(secretPath, "utf8")) : {},
            secretPath,
          ),
        });
        output.out(`Checking the local stack at ${target.origin} (project ${DEMO_PROJECT_ID})`);
        const firestoreHost = localFirestoreHost(env);
        const reachable = await assertReachable(firestoreHost).then(
          () => true,
          () => false,
        );
        if (reachable) {
          // The Admin SDK finds the emulator through this variable.
          env.FIRESTORE_EMULATOR_HOST = firestoreHost;
          process.env.FIRESTORE_EMULATOR_HOST = firestoreHost;
          admin = adminAccess(DEMO_PROJECT_ID);
        }
      } else {
        const origin = parseInboxUrl(flags.url);
        const web = flags.project && flags["api-key"] ? {} : await readWebConfig(origin);
        target = remoteTarget({
          origin,
          env,
          projectId: flags.project,
          apiKey: flags["api-key"],
          webConfig: web.config,
          webConfigProblem: web.problem,
        });
        const project = "unknown" in target.firestore ? "unknown" : target.firestore.projectId;
        output.out(`Checking ${origin} (project ${project})`);
        if (flags.admin) {
          if (env.FIRESTORE_EMULATOR_HOST) {
            throw new UsageError(
              "--admin reads the deployment's Firestore, but FIRESTORE_EMULATOR_HOST points at an emulator: unset it.",
            );
          }
          if ("unknown" in target.firestore) {
            throw new UsageError(`--admin needs the project: ${target.firestore.unknown}.`);
          }
          admin = adminAccess(target.firestore.projectId);
        }
      }

      try {
        const results = await runChecks(
          options.checks ?? CHECKS,
          {
            target,
            http: (request) => httpRequest(request),
            admin: admin?.access,
            facts: {},
            allowPublic: flags["allow-public"] === true,
          },
          // One report, in order, on stdout: a failed check is a finding, not an error of the doctor's.
          (result) => {
            for (const line of formatResult(result)) output.out(line);
          },
        );
        output.out(summary(results));
        return allPassed(results) ? EXIT.ok : EXIT.failed;
      } finally {
        await admin?.close();
      }
    });
}

if (isEntryPoint(import.meta.url)) {
  loadDotenvFile();
  runCommand(doctorCommand());
}
