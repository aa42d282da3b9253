// The doctor's checks, in the order they run and print. Each is independent
// apart from what it leaves in the facts (the stored test notice, public
// mode); a new one is a module beside these and one entry here.
import type { Check } from "../check.js";
import { allowListCheck } from "./allow-list.js";
import { codesApiFindsCheck, codesApiRefusesCheck } from "./codes-api.js";
import { closedRulesCheck, publicModeCheck } from "./firestore.js";
import { authHelperCheck, pageCheck } from "./page.js";
import { webhookGetCheck, webhookRefusesCheck, webhookStoresCheck } from "./webhook.js";

export const CHECKS: readonly Check[] = [
  pageCheck,
  authHelperCheck,
  webhookGetCheck,
  webhookRefusesCheck,
  webhookStoresCheck,
  codesApiRefusesCheck,
  codesApiFindsCheck,
  publicModeCheck,
  closedRulesCheck,
  allowListCheck,
];
