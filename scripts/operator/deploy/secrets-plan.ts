// `npm run deploy:secrets` decides, per function secret, between the value the
// project holds (Secret Manager) and the one in .env, without ever printing
// either: the two must end up equal, so what Auth0 setup passes on is what the
// function checks. Pure; the command reads both sides and carries this out.
import type { FirebaseProblem } from "./firebase-cli.js";
import type { FunctionSecret } from "./function-secrets.js";

export type SecretAction =
  | { kind: "agree"; name: string }
  /** The project has it and .env does not: read it back into .env. */
  | { kind: "save-to-dotenv"; name: string; value: string }
  /** .env has it and the project does not: set it in the project. */
  | { kind: "set-in-project"; name: string; value: string; generated: boolean }
  | { kind: "conflict"; name: string }
  | { kind: "unknown"; name: string; problem: FirebaseProblem };

export function planSecret(
  secret: FunctionSecret,
  inProject: string | undefined | FirebaseProblem,
  inDotenv: string | undefined,
): SecretAction {
  const { name } = secret;
  if (typeof inProject === "object") return { kind: "unknown", name, problem: inProject };
  if (inProject !== undefined && inDotenv !== undefined) {
    return inProject === inDotenv ? { kind: "agree", name } : { kind: "conflict", name };
  }
  if (inProject !== undefined) return { kind: "save-to-dotenv", name, value: inProject };
  if (inDotenv !== undefined)
    return { kind: "set-in-project", name, value: inDotenv, generated: false };
  return { kind: "set-in-project", name, value: secret.generate(), generated: true };
}

export function describeAction(
  action: SecretAction,
  secret: FunctionSecret,
  projectId: string,
): string {
  switch (action.kind) {
    case "agree":
      return `= ${action.name}: set in ${projectId}, and .env holds the same value`;
    case "save-to-dotenv":
      return `+ ${action.name}: set in ${projectId}; write it to .env for ${secret.passedOnTo}`;
    case "set-in-project":
      return action.generated
        ? `+ ${action.name}: generate one, write it to .env for ${secret.passedOnTo}, and set it in ${projectId}`
        : `+ ${action.name}: set the value .env holds in ${projectId}`;
    case "conflict":
      return `✗ ${action.name}: .env holds another value than ${projectId}. To use the project's, delete the line from .env and run again; to change the project's, rotate it (docs/security.md, “Rotating the webhook secret”)`;
    case "unknown":
      return `✗ ${action.name}: ${action.problem.problem}; fix: ${action.problem.fix}`;
  }
}

/** `text` (a .env file) with `name=value` set: the line replaced where it is, else appended. */
export function withDotenvValue(text: string, name: string, value: string): string {
  const line = `${name}=${value}`;
  const pattern = new RegExp(`^\\s*${name}\\s*=.*$`, "m");
  if (pattern.test(text)) return text.replace(pattern, line);
  return `${text}${text === "" || text.endsWith("\n") ? "" : "\n"}${line}\n`;
}
