// The client-credentials grant and the bearer tokens it issues: every token
// carries the scopes the stand-in was started with.
import { randomBytes } from "node:crypto";
import { tokenRefusal } from "./auth0-rules.js";
import type { Answer } from "./routes/route.js";

export const ALL_SCOPES = [
  "read:actions",
  "create:actions",
  "update:actions",
  "read:phone_providers",
  "create:phone_providers",
  "update:phone_providers",
  "read:email_provider",
  "create:email_provider",
  "update:email_provider",
  "read:guardian_factors",
  "update:guardian_factors",
  "read:users",
  "read:authentication_methods",
  "create:authentication_methods",
  "delete:authentication_methods",
  "read:tenant_settings",
  "update:tenant_settings",
] as const;

export interface TokenIssuer {
  /** Answers POST /oauth/token; `host` is the Host header, which names the audience. */
  grant(body: Record<string, unknown>, host: string | undefined): Answer;
  accepts(authorization: string | undefined): boolean;
}

export function tokenIssuer(
  client: { clientId: string; clientSecret: string },
  scopes: ReadonlySet<string>,
): TokenIssuer {
  const issued = new Set<string>();
  return {
    grant(body, host) {
      const audience = `https://${host}/api/v2/`;
      const refusal = tokenRefusal(body, { ...client, audience });
      if (refusal) return [refusal.status, refusal.body];
      const token = randomBytes(16).toString("hex");
      issued.add(token);
      return [
        200,
        {
          access_token: token,
          token_type: "Bearer",
          expires_in: 86400,
          scope: [...scopes].join(" "),
        },
      ];
    },
    accepts(authorization) {
      const token = /^Bearer (.+)$/.exec(authorization ?? "")?.[1];
      return token !== undefined && issued.has(token);
    },
  };
}
