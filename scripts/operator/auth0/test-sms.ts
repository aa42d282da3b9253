// `npm run auth0:test-sms -- +61400000001 [--voice]`: asks Auth0 to send a
// test notification through the tenant's phone provider, i.e. through our
// Action, so the presenter sees it arrive in the inbox.

import { isE164 } from "functions/contract/notification";
import {
  type Command,
  guarded,
  isEntryPoint,
  parseCommandLine,
  runCommand,
  UsageError,
} from "../cli/command.js";
import { describeAuth0Error } from "./auth0-errors.js";
import { loadDotenvFile, readAuth0Settings } from "./config.js";
import { createManagementClient } from "./management-client.js";

const USAGE = "Usage: npm run auth0:test-sms -- <+E.164 number> [--voice]";

export function testSmsCommand(options: { maxRetries?: number } = {}): Command {
  return (argv, { env, output }) =>
    guarded(
      output,
      async () => {
        const { values, positionals } = parseCommandLine(
          argv,
          {
            voice: { type: "boolean", default: false },
            help: { type: "boolean", short: "h", default: false },
          },
          USAGE,
          true,
        );
        if (values.help) {
          output.out(USAGE);
          return 0;
        }
        const [to, ...extra] = positionals;
        if (!to || extra.length) throw new UsageError(`Give exactly one phone number.\n${USAGE}`);
        if (!isE164(to))
          throw new UsageError(`"${to}" is not an E.164 number such as +61400000001.`);
        const deliveryMethod = values.voice ? "voice" : "text";

        const auth0 = readAuth0Settings(env);
        const client = createManagementClient(auth0, { maxRetries: options.maxRetries });
        const provider = (await client.branding.phone.providers.list()).providers?.[0];
        if (!provider?.id || provider.name !== "custom") {
          throw new UsageError(
            `The tenant's phone provider is ${provider ? provider.name : "not configured"}, not our Action: run npm run auth0:setup first.`,
          );
        }
        if (provider.disabled)
          throw new UsageError("The tenant's phone provider is disabled: run npm run auth0:setup.");
        const methods: readonly string[] = provider.configuration?.delivery_methods ?? [];
        if (!methods.includes(deliveryMethod)) {
          throw new UsageError(
            `The phone provider does not deliver by ${deliveryMethod} (only ${methods.join(", ")}).`,
          );
        }
        const answer = await client.branding.phone.providers.test(provider.id, {
          to,
          delivery_method: deliveryMethod,
        });
        output.out(
          `✔ Auth0 accepted a test ${deliveryMethod === "voice" ? "voice call" : "SMS"} to ${to}${answer.message ? ` (${answer.message})` : ""}.`,
        );
        output.out(
          "It should appear in the inbox within seconds. If it does not, open Monitoring → Logs in the",
        );
        output.out("Auth0 Dashboard: the Action's drop/retry reason says what to fix.");
        return 0;
      },
      describeAuth0Error,
    );
}

if (isEntryPoint(import.meta.url)) {
  loadDotenvFile();
  runCommand(testSmsCommand(), describeAuth0Error);
}
