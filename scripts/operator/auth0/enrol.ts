// `npm run auth0:enrol [-- --file users.json] [--authenticator] [--reset] [--dry-run] [--no-labels]`:
// pre-enrols each demo user's shared number for SMS MFA and writes, per number,
// the demo users on it (in file order) that the inbox shows. With
// --authenticator (or the file's mark) it also gives users an authenticator
// (TOTP) whose secret the inbox holds (enrol-authenticator.ts). Bad entries and
// unknown users are reported while the rest proceed; the exit code is 0 only
// if all succeeded.
import { relative } from "node:path";
import {
  type Command,
  guarded,
  isEntryPoint,
  parseCommandLine,
  runCommand,
} from "../cli/command.js";
import { REPO_ROOT } from "../cli/repo-facts.js";
import type { PhoneLabelEntry } from "../firestore/phone-labels.js";
import { describeAuth0Error } from "./auth0-errors.js";
import { loadDotenvFile, readAuth0Settings } from "./config.js";
import {
  type DemoUser,
  defaultDemoUsersPath,
  loadDemoUsers,
  phoneLabelsFor,
  wantsAuthenticator,
} from "./demo-users.js";
import { type AuthenticatorResult, enrolAuthenticator } from "./enrol-authenticator.js";
import { type EnrolResult, enrolUser } from "./enrol-user.js";
import {
  checkLabelTarget,
  type LabelTarget,
  openRunFirestore,
  resolveLabelTarget,
  writeLabels,
} from "./label-target.js";
import { createManagementClient } from "./management-client.js";

const USAGE = [
  "Usage: npm run auth0:enrol [-- --file <users.json>] [--authenticator] [--reset] [--dry-run] [--no-labels]",
  "  --authenticator  also give each demo user the inbox's authenticator (TOTP); the file's",
  '                   "authenticator": true or false decides for single users',
  "  --reset          replace the users' phone enrolments, and the inbox's own authenticators",
  "                   (never another authenticator)",
].join("\n");

const MARK: Record<EnrolResult["status"], string> = {
  enrolled: "✔",
  "re-enrolled": "✔",
  "already-enrolled": "=",
  "unknown-user": "✖",
  "has-other-phone": "✖",
  failed: "✖",
};

const AUTHENTICATOR_MARK: Record<AuthenticatorResult["status"], string> = {
  enrolled: "✔",
  "re-enrolled": "✔",
  "already-enrolled": "=",
  "kept-added": "=",
  foreign: "✖",
  "unknown-to-inbox": "✖",
  "stale-added": "✖",
  "several-accounts": "✖",
  failed: "✖",
};

function authenticatorSummary(results: AuthenticatorResult[], dryRun: boolean): string {
  const count = (...statuses: AuthenticatorResult["status"][]) =>
    results.filter((result) => statuses.includes(result.status)).length;
  const failed = results.filter((result) => !result.ok).length;
  return `${dryRun ? "Would have: " : ""}Authenticators: ${count("enrolled")} enrolled, ${count("re-enrolled")} re-enrolled, ${count("already-enrolled", "kept-added")} already in place, ${failed} not enrolled.`;
}

/** One document per number, listing every user enrolled on it, in file order. */
export function labelsFor(results: EnrolResult[]): PhoneLabelEntry[] {
  return phoneLabelsFor(results.filter((result) => result.ok).map((result) => result.user));
}

export interface EnrolCommandOptions {
  maxRetries?: number;
}

export function enrolCommand(options: EnrolCommandOptions = {}): Command {
  return (argv, { env, output }) =>
    guarded(
      output,
      async () => {
        const { values } = parseCommandLine(
          argv,
          {
            file: { type: "string" },
            reset: { type: "boolean", default: false },
            authenticator: { type: "boolean", default: false },
            "dry-run": { type: "boolean", default: false },
            "no-labels": { type: "boolean", default: false },
            help: { type: "boolean", short: "h", default: false },
          },
          USAGE,
        );
        if (values.help) {
          output.out(USAGE);
          return 0;
        }
        const dryRun = values["dry-run"] === true;
        const reset = values.reset === true;
        const auth0 = readAuth0Settings(env);
        const path = values.file ?? defaultDemoUsersPath();
        const { users, problems } = loadDemoUsers(path);
        const withAuthenticator = new Set<DemoUser>(
          users.filter((user) => wantsAuthenticator(user, values.authenticator === true)),
        );

        const labelTarget: LabelTarget | undefined = values["no-labels"]
          ? undefined
          : resolveLabelTarget(env);
        // Authenticators are planned from what the inbox holds: read even on a dry run.
        const inboxTarget =
          withAuthenticator.size > 0 ? (labelTarget ?? resolveLabelTarget(env)) : undefined;
        if (inboxTarget)
          await checkLabelTarget(
            inboxTarget,
            "The inbox holds the authenticators' secrets, so it must answer (even for --dry-run).",
          );
        else if (labelTarget && !dryRun) await checkLabelTarget(labelTarget);

        output.out(
          `Tenant ${auth0.domain}${dryRun ? " (dry run: nothing will be changed)" : ""}${reset ? ", resetting enrolments" : ""}`,
        );
        if (labelTarget) output.out(`Labels go to ${labelTarget.description}`);
        output.out(
          `Demo users from ${relative(REPO_ROOT, path) || path}: ${users.length} to enrol${problems.length ? `, ${problems.length} unusable` : ""}${withAuthenticator.size ? `, ${withAuthenticator.size} with an authenticator` : ""}`,
        );
        if (inboxTarget && inboxTarget !== labelTarget)
          output.out(`Authenticators go to ${inboxTarget.description}`);
        for (const { email, problem } of problems) output.err(`✖ ${email} ${problem}`);

        const client = createManagementClient(auth0, { maxRetries: options.maxRetries });
        const results: EnrolResult[] = [];
        const authenticators: AuthenticatorResult[] = [];
        const inbox = inboxTarget ? openRunFirestore(inboxTarget) : undefined;
        try {
          for (const user of users) {
            const result = await enrolUser(client, user, { reset, dryRun });
            results.push(result);
            const line = `${MARK[result.status]} ${user.email} ${user.phoneNumber}: ${result.detail}`;
            if (result.ok) output.out(line);
            else output.err(line);
            if (!inbox || !withAuthenticator.has(user)) continue;
            const authenticator = await enrolAuthenticator(
              client,
              inbox.db,
              user,
              result.accounts,
              {
                reset,
                dryRun,
              },
            );
            authenticators.push(authenticator);
            const authenticatorLine = `${AUTHENTICATOR_MARK[authenticator.status]} ${user.email} authenticator: ${authenticator.detail}`;
            if (authenticator.ok) output.out(authenticatorLine);
            else output.err(authenticatorLine);
          }
        } finally {
          await inbox?.close();
        }

        const labels = labelsFor(results);
        let labelsFailed = false;
        if (labelTarget && labels.length) {
          if (dryRun)
            output.out(`Would write ${labels.length} labels to ${labelTarget.description}.`);
          else {
            try {
              await writeLabels(labelTarget, labels);
              output.out(`✔ wrote ${labels.length} labels to ${labelTarget.description}`);
            } catch (error) {
              labelsFailed = true;
              output.err(
                `✖ could not write the labels to ${labelTarget.description}: ${describeAuth0Error(error)}`,
              );
            }
          }
        } else if (!labelTarget) {
          output.out("Labels not written (--no-labels).");
        }

        const count = (status: EnrolResult["status"]) =>
          results.filter((result) => result.status === status).length;
        const failed = results.filter((result) => !result.ok).length + problems.length;
        const verb = dryRun ? "Would have: " : "";
        output.out(
          `${verb}${count("enrolled")} enrolled, ${count("re-enrolled")} re-enrolled, ${count("already-enrolled")} already enrolled, ${failed} not enrolled.`,
        );
        const authenticatorsFailed = authenticators.filter((result) => !result.ok).length;
        if (authenticators.length) {
          output.out(authenticatorSummary(authenticators, dryRun));
          // Enrolment alone changes no login: say what else it takes.
          output.out(
            "Auth0 asks for these codes only with the OTP factor on (npm run auth0:setup -- --authenticator) and MFA required; the inbox computes them (npm run authenticator:list).",
          );
        }
        if (failed || labelsFailed || authenticatorsFailed) {
          output.err(
            "Fix the lines marked ✖ and run again: users already enrolled stay as they are.",
          );
          return 1;
        }
        return 0;
      },
      describeAuth0Error,
    );
}

if (isEntryPoint(import.meta.url)) {
  loadDotenvFile();
  runCommand(enrolCommand(), describeAuth0Error);
}
