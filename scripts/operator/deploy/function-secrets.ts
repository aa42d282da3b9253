// The function's secrets, in one list: what `npm run deploy` checks are set
// and `npm run deploy:secrets` generates, sets and keeps in .env, where the
// commands that pass them on read them.
import { randomBytes } from "node:crypto";
import { readToken, webhookSecret } from "functions/config";

export interface FunctionSecret {
  /** As the function (functions/src/config.ts) and Secret Manager name it; also its .env key. */
  name: string;
  /** What it is for, in the plan's words. */
  purpose: string;
  /** Who needs the value next, from .env. */
  passedOnTo: string;
  generate(): string;
}

/** 32 random bytes, URL-safe: no commas or spaces, which the webhook reads as separators. */
const randomToken = () => randomBytes(32).toString("base64url");

export const FUNCTION_SECRETS: readonly FunctionSecret[] = [
  {
    name: webhookSecret.name,
    purpose: "the bearer token the Auth0 Action sends to the webhook",
    passedOnTo: "npm run auth0:setup (into the Action), send-code and doctor --url",
    generate: randomToken,
  },
  {
    name: readToken.name,
    purpose: "the read token login tests send to the codes API (GET /api/codes/latest)",
    passedOnTo:
      "your login tests and CI jobs (SMS_INBOX_READ_TOKEN), wait-for-code --url and doctor --url",
    generate: randomToken,
  },
];
