// `npm run deploy -- --project <id> [--only …] [--dry-run] [--allow-public]`:
// a thin layer over the project's own `firebase deploy`. It checks the
// production configuration first (checks.ts), prints the plan (plan.ts), and
// only when every check passes runs the one firebase-tools command, whose
// predeploy hooks build the production page and the function's deploy folder.
// Ends with the inbox and webhook URLs and what to run next.
import { randomUUID } from "node:crypto";
import { deleteApp } from "firebase-admin/app";
import { getFirestore } from "firebase-admin/firestore";
import { FUNCTION_ID, REGION } from "functions/config";
import { resolveConfig } from "web/config";
import { pageEnv } from "web/page-env";
import { type AccessState, readAccessState } from "../access/access-store.js";
import { loadDotenvFile } from "../auth0/config.js";
import {
  type Command,
  guarded,
  isEntryPoint,
  parseCommandLine,
  runCommand,
} from "../cli/command.js";
import { EXIT } from "../cli/exit-codes.js";
import { type FirebaseJson, readFirebaseJson, readFirebaserc } from "../cli/repo-facts.js";
import { formatResult } from "../doctor/check.js";
import { adminApp } from "../firestore/admin.js";
import { type DeployFacts, deployChecks } from "./checks.js";
import { type FirebaseCli, firebaseCli, secretStateFrom } from "./firebase-cli.js";
import { FUNCTION_SECRETS } from "./function-secrets.js";
import { chooseProject, DEPLOY_USAGE, type DeployOptions, parseOnly } from "./options.js";
import { type DeploySettings, planDeploy } from "./plan.js";

export interface DeployIo {
  firebase(env: NodeJS.ProcessEnv): FirebaseCli;
  /** Reads config/access and config/public of the project (Admin SDK, Application Default Credentials). */
  readAccess(projectId: string, env: NodeJS.ProcessEnv): Promise<AccessState>;
}

const ACCESS_TIMEOUT_MS = 30_000;

async function readProjectAccess(projectId: string, env: NodeJS.ProcessEnv): Promise<AccessState> {
  if (env.FIRESTORE_EMULATOR_HOST) {
    throw new Error(
      "FIRESTORE_EMULATOR_HOST is set, so the Admin SDK would read an emulator instead: unset it",
    );
  }
  const app = adminApp(projectId, `deploy-${randomUUID()}`);
  try {
    return await Promise.race([
      readAccessState(getFirestore(app)),
      new Promise<never>((_, reject) =>
        setTimeout(
          () => reject(new Error("Firestore did not answer within 30 s")),
          ACCESS_TIMEOUT_MS,
        ).unref(),
      ),
    ]);
  } finally {
    await deleteApp(app);
  }
}

const defaultIo: DeployIo = { firebase: firebaseCli, readAccess: readProjectAccess };

/** What the plan needs from firebase.json, read where it is written. */
export function deploySettings(config: FirebaseJson): DeploySettings {
  const hosting = config.hosting as { public: string; predeploy?: string[] };
  const [codebase] = config.functions as { source: string; predeploy?: string[] }[];
  return {
    hostingPredeploy: hosting.predeploy ?? [],
    functionsPredeploy: codebase?.predeploy ?? [],
    hostingPublic: hosting.public,
    functionsSource: codebase?.source ?? "functions",
    functionId: FUNCTION_ID,
    region: REGION,
    secretNames: FUNCTION_SECRETS.map((secret) => secret.name),
  };
}

const message = (error: unknown) => (error instanceof Error ? error.message : String(error));

async function gatherFacts(
  options: DeployOptions,
  env: NodeJS.ProcessEnv,
  io: DeployIo,
): Promise<DeployFacts> {
  const firebase = io.firebase(env);
  const page = (() => {
    try {
      return { config: resolveConfig("production", pageEnv("production", env)) };
    } catch (error) {
      return { problem: message(error) };
    }
  })();
  const [secrets, access] = await Promise.all([
    options.only.includes("functions")
      ? Promise.all(
          FUNCTION_SECRETS.map(async (secret) => ({
            secret,
            state: secretStateFrom(
              await firebase.capture([
                "functions:secrets:get",
                secret.name,
                "--project",
                options.projectId,
                "--json",
                "--non-interactive",
              ]),
            ),
          })),
        )
      : Promise.resolve([]),
    io.readAccess(options.projectId, env).catch((error: unknown) => ({ problem: message(error) })),
  ]);
  return { page, secrets, access };
}

export function deployCommand(overrides: Partial<DeployIo> = {}): Command {
  const io: DeployIo = { ...defaultIo, ...overrides };
  return (argv, { env, output }) =>
    guarded(output, async () => {
      let options: DeployOptions;
      try {
        const { values } = parseCommandLine(
          argv,
          {
            project: { type: "string" },
            only: { type: "string" },
            "dry-run": { type: "boolean", default: false },
            "allow-public": { type: "boolean", default: false },
            help: { type: "boolean", short: "h", default: false },
          },
          DEPLOY_USAGE,
        );
        if (values.help) {
          output.out(DEPLOY_USAGE);
          return EXIT.ok;
        }
        options = {
          projectId: chooseProject(values.project, env, readFirebaserc()),
          only: parseOnly(values.only),
          dryRun: values["dry-run"] === true,
          allowPublic: values["allow-public"] === true,
        };
      } catch (error) {
        output.err(`✖ ${message(error)}`);
        return EXIT.usage;
      }

      output.out(
        `Deploying to ${options.projectId}${options.dryRun ? " (dry run: nothing will be built or deployed)" : ""}`,
      );
      output.out("Checks:");
      const checks = deployChecks(await gatherFacts(options, env, io), options);
      for (const { name, verdict } of checks) {
        for (const line of formatResult({ name, verdict, ms: 0 })) {
          output.out(`  ${line.replace(/ \(0 ms\)$/, "")}`);
        }
      }
      const plan = planDeploy(options, deploySettings(readFirebaseJson()));
      output.out(options.dryRun ? "Would run:" : "Runs:");
      for (const line of plan.lines) output.out(`  ${line}`);
      const failed = checks.filter((check) => check.verdict.status === "fail").length;

      if (options.dryRun) {
        output.out(
          failed === 0
            ? "Dry run: every check passed; nothing was built or deployed."
            : `Dry run: ${failed} check${failed === 1 ? "" : "s"} failed (✗ above); nothing was built or deployed.`,
        );
        return failed === 0 ? EXIT.ok : EXIT.failed;
      }
      if (failed > 0) {
        output.err(`✖ Nothing was deployed: fix the ${failed} ✗ above and run again.`);
        return EXIT.failed;
      }
      const code = await io.firebase(env).attached(plan.firebaseArgs);
      if (code !== 0) {
        output.err(`✖ firebase deploy failed (exit ${code}): its output above says why.`);
        return EXIT.failed;
      }
      output.out("Deployed.");
      output.out(`  Inbox    ${plan.inboxUrl}`);
      output.out(`  Webhook  ${plan.webhookUrl}`);
      output.out("Next:");
      for (const line of plan.next) output.out(`  ${line}`);
      return EXIT.ok;
    });
}

if (isEntryPoint(import.meta.url)) {
  loadDotenvFile();
  runCommand(deployCommand());
}
