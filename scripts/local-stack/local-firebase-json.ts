// The local stack's own copy of firebase.json. firebase.json describes the
// deployment; the emulators read the same file, so what only the local stack
// needs lives in this copy instead, written beside firebase.json (its relative
// paths still hold) for every start:
//   - Hosting serves the emulator build of the page (web/dist-emulator), never
//     web/dist, which only a production build writes;
//   - the page's Content Security Policy lets it reach the Firestore and Auth
//     emulators on this machine, at exactly their ports; production's has no
//     127.0.0.1 in it;
//   - Functions loads the functions workspace (its lib/index.js is the same
//     bundle the deploy folder ships), where the emulator finds .secret.local,
//     and watches only what it runs: not the sources, tests, build scripts or
//     the deploy folder, whose changes would reload the function mid-run;
//   - no predeploy hooks (nothing is deployed), and the ports as moved.
// Pure, so every rule above is tested without starting anything.
import {
  EMULATOR_PAGE_DIR,
  type EmulatorPorts,
  FUNCTIONS_WORKSPACE_DIR,
} from "functions/contract/local-stack";

type Json = Record<string, unknown>;

const isRecord = (value: unknown): value is Json =>
  typeof value === "object" && value !== null && !Array.isArray(value);

/** The file's name: one per Hosting port, so `npm start` and the test stack never share one. */
export const localConfigName = (ports: EmulatorPorts): string =>
  `firebase.local-stack.${ports.hosting}.json`;

/** Adds `origins` to the policy's connect-src (creating it from default-src if absent). */
export function allowConnectTo(csp: string, origins: readonly string[]): string {
  const directives = csp
    .split(";")
    .map((directive) => directive.trim())
    .filter(Boolean);
  const index = directives.findIndex((directive) => /^connect-src(\s|$)/i.test(directive));
  if (index >= 0) {
    directives[index] = [directives[index], ...origins].join(" ");
  } else {
    const fallback = directives.find((directive) => /^default-src(\s|$)/i.test(directive));
    const sources = fallback ? fallback.split(/\s+/).slice(1) : ["'self'"];
    directives.push(["connect-src", ...sources, ...origins].join(" "));
  }
  return directives.join("; ");
}

function withEmulatorOrigins(headerRules: unknown, origins: readonly string[]): unknown {
  if (!Array.isArray(headerRules)) return headerRules;
  return headerRules.map((rule) => {
    if (!isRecord(rule) || !Array.isArray(rule.headers)) return rule;
    return {
      ...rule,
      headers: rule.headers.map((header) =>
        isRecord(header) &&
        typeof header.key === "string" &&
        header.key.toLowerCase() === "content-security-policy" &&
        typeof header.value === "string"
          ? { ...header, value: allowConnectTo(header.value, origins) }
          : header,
      ),
    };
  });
}

const withoutPredeploy = ({ predeploy: _predeploy, ...rest }: Json): Json => rest;

/** What the Functions emulator must not watch in the workspace (it reloads on any change). */
export const WORKSPACE_IGNORES = ["src", "test", "build", "dist", "tsconfig*.json"];

export function localStackFirebaseJson(config: Json, ports: EmulatorPorts, host: string): Json {
  const emulators: Json = isRecord(config.emulators) ? { ...config.emulators } : {};
  for (const [name, port] of Object.entries(ports)) {
    emulators[name] = { ...(isRecord(emulators[name]) ? emulators[name] : {}), host, port };
  }
  const origins = [`http://${host}:${ports.firestore}`, `http://${host}:${ports.auth}`];
  const hosting = isRecord(config.hosting)
    ? {
        ...withoutPredeploy(config.hosting),
        public: EMULATOR_PAGE_DIR,
        headers: withEmulatorOrigins(config.hosting.headers, origins),
      }
    : config.hosting;
  const functions = Array.isArray(config.functions)
    ? config.functions.map((codebase) =>
        isRecord(codebase)
          ? {
              ...withoutPredeploy(codebase),
              source: FUNCTIONS_WORKSPACE_DIR,
              ignore: [
                ...(Array.isArray(codebase.ignore) ? codebase.ignore : []),
                ...WORKSPACE_IGNORES,
              ],
            }
          : codebase,
      )
    : config.functions;
  return { ...config, functions, hosting, emulators };
}
