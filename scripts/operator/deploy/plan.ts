// What `npm run deploy` will do, as plain lines and the one firebase-tools
// command that does it. Pure: --dry-run prints this and stops; a real run
// prints it and runs the command. The builds are firebase.json's predeploy
// hooks, so a plain `firebase deploy` builds the same way.

import { AUTHENTICATOR_CODES_FUNCTION_ID, CODES_API_FUNCTION_ID } from "functions/config";
import { AUTHENTICATOR_CODES_PATH } from "functions/contract/authenticator";
import { CODES_API_PATH } from "functions/contract/codes-api";
import { WEBHOOK_PATH } from "functions/contract/notification";
import { DEPLOY_TARGETS, type DeployOptions } from "./options.js";

export interface DeploySettings {
  /** firebase.json's hosting.predeploy and its functions predeploy, as written there. */
  hostingPredeploy: string[];
  functionsPredeploy: string[];
  hostingPublic: string;
  functionsSource: string;
  functionId: string;
  region: string;
  secretNames: string[];
}

export interface DeployPlan {
  firebaseArgs: string[];
  lines: string[];
  inboxUrl: string;
  webhookUrl: string;
  next: string[];
}

const hooks = (commands: string[]) =>
  commands.map((command) => command.replace(/^npm --prefix "\$PROJECT_DIR" /, "npm ")).join(" && ");

export function planDeploy(options: DeployOptions, settings: DeploySettings): DeployPlan {
  const only = DEPLOY_TARGETS.filter((target) => options.only.includes(target));
  const firebaseArgs = [
    "deploy",
    "--project",
    options.projectId,
    "--only",
    only.join(","),
    "--non-interactive",
  ];
  const parts: Record<(typeof DEPLOY_TARGETS)[number], string[]> = {
    firestore: [
      "firestore: the security rules (firestore.rules) and firestore.indexes.json, with the TTL policy on otpCodes.expireAt",
    ],
    functions: [
      `functions: first ${hooks(settings.functionsPredeploy)}: the bundle and its pinned package in ${settings.functionsSource}/, which Cloud Build installs with npm ci from its own lockfile;`,
      `           then ${settings.functionId}, ${CODES_API_FUNCTION_ID} and ${AUTHENTICATOR_CODES_FUNCTION_ID} in ${settings.region} (Node 22) with the secret${settings.secretNames.length === 1 ? "" : "s"} ${settings.secretNames.join(", ")}, warm instances from OTP_MIN_INSTANCES in functions/.env (default 0)`,
    ],
    hosting: [
      `hosting:   first ${hooks(settings.hostingPredeploy)}: the production page in ${settings.hostingPublic}/;`,
      `           then the page with its headers, and ${WEBHOOK_PATH} rewritten to ${settings.functionId}, ${CODES_API_PATH} to ${CODES_API_FUNCTION_ID}, ${AUTHENTICATOR_CODES_PATH} to ${AUTHENTICATOR_CODES_FUNCTION_ID}`,
    ],
  };
  const inboxUrl = `https://${options.projectId}.web.app/`;
  const webhookUrl = `https://${options.projectId}.web.app${WEBHOOK_PATH}`;
  return {
    firebaseArgs,
    lines: [
      `firebase ${firebaseArgs.join(" ")}`,
      ...only.flatMap((target) => parts[target].map((line) => `  ${line}`)),
    ],
    inboxUrl,
    webhookUrl,
    next: [
      `npm run doctor -- --url https://${options.projectId}.web.app   # checks the deployment from the outside`,
      `npm run auth0:setup   # with OTP_WEBHOOK_URL=${webhookUrl} in .env (docs/auth0.md)`,
    ],
  };
}
