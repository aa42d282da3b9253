// Which inbox the doctor checks, as plain data: the local stack (no --url),
// or a deployment at a URL. Pure: the command gathers the inputs (ports,
// secrets, the site's web config) and this decides what they mean.
import { WEBHOOK_PATH } from "functions/contract/notification";
import { isLoopbackHost } from "functions/contract/webhook-url";
import { UsageError } from "../cli/command.js";

export interface FirestoreRest {
  projectId: string;
  /** …/v1/projects/<id>/databases/(default)/documents */
  documentsUrl: string;
  /** The web API key production's REST API wants on anonymous reads; none for the emulator. */
  apiKey?: string;
}

export interface DoctorTarget {
  kind: "local" | "remote";
  /** The Hosting origin: the page, /otp and the webhook's rewrite live here. */
  origin: string;
  webhookUrl: string;
  /** The function's secrets the doctor may use (the webhook's; later the wait API's token). */
  secrets: SecretSource;
  /** Firestore as anyone on the internet reads it, or why the doctor cannot. */
  firestore: FirestoreRest | { unknown: string };
}

/** The web config Firebase Hosting serves at /__/firebase/init.json for the project's sites. */
export interface WebConfig {
  projectId?: string;
  apiKey?: string;
}

/** Named secrets, each with where it came from and how to get the right one. */
export interface SecretSource {
  /** The value a sender uses (the first of a rotation's "new,old"), or undefined. */
  lookup(name: string): { value: string; source: string } | undefined;
  /** What to do when it is missing or refused. */
  fix(name: string): string;
}

const firstOf = (value: string | undefined) => value?.split(",")[0]?.trim() || undefined;

/** The local stack's secrets: functions/.secret.local, parsed (see cli/local-secrets.ts). */
export function localSecrets(values: Record<string, string>, path: string): SecretSource {
  return {
    lookup: (name) => {
      const value = firstOf(values[name]);
      return value ? { value, source: path } : undefined;
    },
    fix: () => `the local stack keeps its secrets in ${path} (npm start creates them)`,
  };
}

/** A deployment's secrets: as the commands that pass them on read them, the environment or .env. */
export function environmentSecrets(
  env: NodeJS.ProcessEnv,
  projectId: string | undefined,
): SecretSource {
  return {
    lookup: (name) => {
      const value = firstOf(env[name]);
      return value ? { value, source: name } : undefined;
    },
    fix: (name) =>
      `set ${name} (environment or .env) to the function's: npm run deploy:secrets -- --project ${projectId ?? "<project>"} writes it to .env`,
  };
}

const documentsUrl = (base: string, projectId: string) =>
  `${base}/v1/projects/${projectId}/databases/(default)/documents`;

export function localTarget(input: {
  host: string;
  hostingPort: number;
  firestorePort: number;
  projectId: string;
  secrets: SecretSource;
}): DoctorTarget {
  const origin = `http://${input.host}:${input.hostingPort}`;
  return {
    kind: "local",
    origin,
    webhookUrl: `${origin}${WEBHOOK_PATH}`,
    secrets: input.secrets,
    firestore: {
      projectId: input.projectId,
      documentsUrl: documentsUrl(`http://${input.host}:${input.firestorePort}`, input.projectId),
    },
  };
}

/** The origin of a --url: https, or http only to this machine; any path is dropped. */
export function parseInboxUrl(value: string): string {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new UsageError(`--url "${value}" is not a URL such as https://my-project.web.app`);
  }
  if (url.protocol !== "https:" && !(url.protocol === "http:" && isLoopbackHost(url.hostname))) {
    throw new UsageError(`--url "${value}" must be https (http only for 127.0.0.1 or localhost)`);
  }
  return url.origin;
}

export function remoteTarget(input: {
  origin: string;
  env: NodeJS.ProcessEnv;
  /** --project, else the site's web config. */
  projectId: string | undefined;
  /** --api-key, else the site's web config. */
  apiKey: string | undefined;
  webConfig: WebConfig | undefined;
  webConfigProblem: string | undefined;
}): DoctorTarget {
  const projectId = input.projectId ?? input.webConfig?.projectId;
  const apiKey = input.apiKey ?? input.webConfig?.apiKey;
  const firestore: DoctorTarget["firestore"] =
    projectId && apiKey
      ? {
          projectId,
          apiKey,
          documentsUrl: documentsUrl("https://firestore.googleapis.com", projectId),
        }
      : {
          unknown: `no project id and web API key (${input.webConfigProblem ?? "the site's /__/firebase/init.json lacks them"}): pass --project and --api-key`,
        };
  return {
    kind: "remote",
    origin: input.origin,
    webhookUrl: `${input.origin}${WEBHOOK_PATH}`,
    secrets: environmentSecrets(input.env, projectId),
    firestore,
  };
}
