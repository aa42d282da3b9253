// Starts the local stack once for the `stack` test project and stops it after.
import { createWriteStream, mkdirSync } from "node:fs";
import { join } from "node:path";
import { REPO_ROOT } from "@sms-inbox/operator/cli/repo-facts";
import { processEnvFor, startStack } from "./stack.js";
import { STACK_CONTROL_VARIABLE, startStackControl } from "./stack-control.js";

export default async function setup(): Promise<() => Promise<void>> {
  const logDir = join(REPO_ROOT, ".local-stack");
  mkdirSync(logDir, { recursive: true });
  const logPath = join(logDir, "test-emulators.log");
  const log = createWriteStream(logPath);
  const started = Date.now();
  const stack = await startStack({
    onEmulatorLine: (line) => log.write(`${line}\n`),
    interruptibleFirestore: true,
  }).catch((error: unknown) => {
    log.end();
    throw new Error(
      `${error instanceof Error ? error.message : String(error)}\n(emulator output: ${logPath})`,
    );
  });
  const control = await startStackControl(stack);
  // Test workers are forked after this runs, so they inherit these variables.
  Object.assign(process.env, processEnvFor(stack), { [STACK_CONTROL_VARIABLE]: control.url });
  console.log(
    `[stack] up in ${((Date.now() - started) / 1000).toFixed(1)} s; Firestore: ${stack.firestore.reason}`,
  );
  return async () => {
    await control.close();
    await stack.stop();
    log.end();
  };
}
