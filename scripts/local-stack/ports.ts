// Whether the stack's ports are free before it starts, and a free port for
// processes only the stack talks to. Which ports: functions/contract/local-stack.
import { type AddressInfo, createServer } from "node:net";
import {
  EMULATOR_NAMES,
  type EmulatorPorts,
  portOverrideVariable,
} from "functions/contract/local-stack";

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
