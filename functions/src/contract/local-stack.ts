// What the local stack and everything that talks to it agree on: the demo
// project, the emulator ports pinned in firebase.json and the variables that
// move them, and how the Auth emulator's fake Google accounts are named.
// Pure, so the page's build, the scripts and the stack share one definition.

/** A `demo-` project id keeps every Firebase SDK on the emulators. */
export const DEMO_PROJECT_ID = "demo-sms-inbox";

/**
 * Where `npm run build` puts the page built for the local stack, from the repo
 * root; the local stack's Hosting serves it. firebase.json's `hosting.public`
 * (web/dist) only ever holds the production build, so a plain `firebase
 * deploy` cannot ship this one.
 */
export const EMULATOR_PAGE_DIR = "web/dist-emulator";

/** The function's workspace: the local stack's Functions emulator loads it (lib/index.js). */
export const FUNCTIONS_WORKSPACE_DIR = "functions";

/**
 * The subject the Auth emulator gives a fake Google account; the page signs in
 * with it and the local seed allows it, so the two must agree.
 */
export const emulatedGoogleSubject = (email: string) => `emulated-google:${email}`;

export const EMULATOR_NAMES = [
  "hub",
  "hosting",
  "functions",
  "firestore",
  "auth",
  "logging",
] as const;
export type EmulatorName = (typeof EMULATOR_NAMES)[number];
export type EmulatorPorts = Record<EmulatorName, number>;

export const portOverrideVariable = (name: EmulatorName) => `SMS_INBOX_${name.toUpperCase()}_PORT`;

/** firebase.json's `emulators` pins, with SMS_INBOX_<NAME>_PORT overrides; throws naming a bad one. */
export function resolveEmulatorPorts(
  emulators: Record<string, unknown>,
  env: Record<string, string | undefined>,
): EmulatorPorts {
  const ports = {} as EmulatorPorts;
  for (const name of EMULATOR_NAMES) {
    const variable = portOverrideVariable(name);
    const override = env[variable];
    const pinned = (emulators[name] as { port?: unknown } | undefined)?.port;
    const port = override === undefined ? pinned : Number(override);
    if (typeof port !== "number" || !Number.isInteger(port) || port < 1 || port > 65_535) {
      throw new Error(
        override === undefined
          ? `firebase.json pins no port for the ${name} emulator`
          : `${variable}=${override} is not a port number`,
      );
    }
    ports[name] = port;
  }
  return ports;
}
