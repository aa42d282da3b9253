// The emulator ports: pinned in firebase.json, overridable per run through
// SMS_INBOX_<NAME>_PORT (e.g. SMS_INBOX_HOSTING_PORT=5050 where macOS AirPlay holds 5000).
import { type AddressInfo, createServer } from "node:net";

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

export interface EmulatorsConfig {
  [name: string]: unknown;
}

export const portOverrideVariable = (name: EmulatorName) => `SMS_INBOX_${name.toUpperCase()}_PORT`;

export function resolvePorts(
  emulators: EmulatorsConfig,
  env: NodeJS.ProcessEnv = process.env,
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

export function hasOverrides(env: NodeJS.ProcessEnv = process.env): boolean {
  return EMULATOR_NAMES.some((name) => env[portOverrideVariable(name)] !== undefined);
}

const isPortFree = (host: string, port: number) =>
  new Promise<boolean>((resolve) => {
    const server = createServer();
    server.once("error", () => resolve(false));
    server.listen({ host, port, exclusive: true }, () => server.close(() => resolve(true)));
  });

/** Throws one message naming every taken port and how to move it. */
export async function assertPortsFree(host: string, ports: EmulatorPorts): Promise<void> {
  const taken: string[] = [];
  for (const name of EMULATOR_NAMES) {
    if (!(await isPortFree(host, ports[name]))) {
      taken.push(
        `  ${name} port ${ports[name]} is in use: stop what holds it, or set ${portOverrideVariable(name)}=<free port>`,
      );
    }
  }
  if (taken.length > 0) {
    throw new Error(
      `The local stack cannot start:\n${taken.join("\n")}\n` +
        "(Is another `npm start` or `npm test` running? On macOS, AirPlay Receiver holds port 5000.)",
    );
  }
}

/** A port the OS says is free now, for a process only the stack talks to. */
export const freePort = (host: string): Promise<number> =>
  new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen({ host, port: 0, exclusive: true }, () => {
      const { port } = server.address() as AddressInfo;
      server.close(() => resolve(port));
    });
  });
