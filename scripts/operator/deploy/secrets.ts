// `npm run deploy:secrets -- --project <id> [--dry-run]`: makes sure each of
// the function's secrets (function-secrets.ts) is set in the project and that
// .env, where auth0:setup, send-code and doctor read it, holds the same value.
// A missing one is generated here, written to .env (git-ignored, readable only
// by you), and set with `firebase functions:secrets:set … --data-file -` (the
// value travels on stdin, never on a command line). Nothing is printed but
// names; the values are in .env for you to pass on.
import { chmodSync, existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { parse as parseDotenv } from "dotenv";
import { loadDotenvFile } from "../auth0/config.js";
import {
  type Command,
  guarded,
  isEntryPoint,
  parseCommandLine,
  runCommand,
} from "../cli/command.js";
import { EXIT } from "../cli/exit-codes.js";
import { REPO_ROOT, readFirebaserc } from "../cli/repo-facts.js";
import { type FirebaseCli, firebaseCli, firebaseProblem } from "./firebase-cli.js";
import { FUNCTION_SECRETS } from "./function-secrets.js";
import { chooseProject } from "./options.js";
import { describeAction, planSecret, withDotenvValue } from "./secrets-plan.js";

export const SECRETS_USAGE = `Usage: npm run deploy:secrets -- --project <id> [--dry-run]
  Sets each of the function's secrets (${FUNCTION_SECRETS.map((s) => s.name).join(", ")}) in the
  project and keeps the same value in .env for the commands that pass it on. Generates one that
  neither has; never prints a value. --dry-run says what it would do and changes nothing.`;

export interface SecretsIo {
  firebase(env: NodeJS.ProcessEnv): FirebaseCli;
  dotenvPath: string;
}

/** The project's value, undefined when the secret does not exist, or why it could not be read. */
async function projectValue(firebase: FirebaseCli, name: string, projectId: string) {
  const run = await firebase.capture([
    "functions:secrets:access",
    name,
    "--project",
    projectId,
    "--non-interactive",
  ]);
  if (run.code === 0) return run.stdout.replace(/\r?\n$/, "");
  if (/not found|NOT_FOUND|404/i.test(`${run.stdout}${run.stderr}`)) return undefined;
  return firebaseProblem(run);
}

export function secretsCommand(overrides: Partial<SecretsIo> = {}): Command {
  const io: SecretsIo = {
    firebase: firebaseCli,
    dotenvPath: join(REPO_ROOT, ".env"),
    ...overrides,
  };
  return (argv, { env, output }) =>
    guarded(output, async () => {
      let projectId: string;
      let dryRun: boolean;
      try {
        const { values } = parseCommandLine(
          argv,
          {
            project: { type: "string" },
            "dry-run": { type: "boolean", default: false },
            help: { type: "boolean", short: "h", default: false },
          },
          SECRETS_USAGE,
        );
        if (values.help) {
          output.out(SECRETS_USAGE);
          return EXIT.ok;
        }
        projectId = chooseProject(values.project, env, readFirebaserc());
        dryRun = values["dry-run"] === true;
      } catch (error) {
        output.err(`✖ ${error instanceof Error ? error.message : String(error)}`);
        return EXIT.usage;
      }
      const firebase = io.firebase(env);
      const dotenvText = existsSync(io.dotenvPath) ? readFileSync(io.dotenvPath, "utf8") : "";
      const dotenv = parseDotenv(dotenvText);
      output.out(`Secrets of ${projectId}${dryRun ? " (dry run: nothing will be changed)" : ""}`);
      let text = dotenvText;
      let failed = 0;
      for (const secret of FUNCTION_SECRETS) {
        const action = planSecret(
          secret,
          await projectValue(firebase, secret.name, projectId),
          dotenv[secret.name]?.trim() || undefined,
        );
        output.out(describeAction(action, secret, projectId));
        if (action.kind === "conflict" || action.kind === "unknown") failed += 1;
        if (dryRun) continue;
        if (
          action.kind === "save-to-dotenv" ||
          (action.kind === "set-in-project" && action.generated)
        ) {
          text = withDotenvValue(text, action.name, action.value);
          writeFileSync(io.dotenvPath, text, { mode: 0o600 });
          chmodSync(io.dotenvPath, 0o600);
        }
        if (action.kind === "set-in-project") {
          const run = await firebase.capture(
            [
              "functions:secrets:set",
              action.name,
              "--project",
              projectId,
              "--data-file",
              "-",
              "--non-interactive",
            ],
            action.value,
          );
          if (run.code !== 0) {
            const problem = firebaseProblem(run);
            output.err(
              `✖ ${action.name}: could not set it: ${problem.problem}; fix: ${problem.fix}`,
            );
            failed += 1;
          } else {
            output.out(
              `✔ ${action.name} set in ${projectId}${action.generated ? " and written to .env" : ""}`,
            );
          }
        } else if (action.kind === "save-to-dotenv") {
          output.out(`✔ ${action.name} written to .env`);
        }
      }
      if (failed > 0) return EXIT.failed;
      output.out(
        dryRun
          ? "Dry run: nothing was changed."
          : `Done. Read a value back any time with: npx firebase functions:secrets:access <NAME> --project ${projectId}`,
      );
      return EXIT.ok;
    });
}

if (isEntryPoint(import.meta.url)) {
  loadDotenvFile();
  runCommand(secretsCommand());
}
