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
  /** The webhook secret the doctor stores its test notice with, and where it came from. */
  secret?: { value: string; source: string };
  /** How to get the right secret, for the message when there is none or it is refused. */
  secretFix: string;
  /** Firestore as anyone on the internet reads it, or why the doctor cannot. */
  firestore: FirestoreRest | { unknown: string };
}

/** The web config Firebase Hosting serves at /__/firebase/init.json for the project's sites. */
export interface WebConfig {
  projectId?: string;
  apiKey?: string;
}

const documentsUrl = (base: string, projectId: string) =>
  `${base}/v1/projects/${projectId}/databases/(default)/documents`;

export function localTarget(input: {
  host: string;
  hostingPort: number;
  firestorePort: number;
  projectId: string;
  secret: string | undefined;
  secretPath: string;
}): DoctorTarget {
  const origin = `http://${input.host}:${input.hostingPort}`;
  return {
    kind: "local",
    origin,
    webhookUrl: `${origin}${WEBHOOK_PATH}`,
    ...(input.secret ? { secret: { value: input.secret, source: input.secretPath } } : {}),
    secretFix: `the local stack's secret is in ${input.secretPath} (npm start creates it)`,
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
  secret: string | undefined;
  /** --project, else the site's web config. */
  projectId: string | undefined;
  /** --api-key, else the site's web config. */
  apiKey: string | undefined;
  webConfig: WebConfig | undefined;
  webConfigProblem: string | undefined;
}): DoctorTarget {
  const projectId = input.projectId ?? input.webConfig?.projectId;
  const apiKey = input.apiKey ?? input.webConfig?.apiKey;
  const project = projectId ?? "<project>";
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
    ...(input.secret ? { secret: { value: input.secret, source: "OTP_WEBHOOK_SECRET" } } : {}),
    secretFix:
      `set OTP_WEBHOOK_SECRET (environment or .env) to the function's secret: ` +
      `npm run deploy:secrets -- --project ${project} writes it to .env`,
    firestore,
  };
}
