// Users: the lookup by email and their authentication methods (phone and
// totp), which is how `auth0:enrol` enrols a number and an authenticator.
import { randomBytes } from "node:crypto";
import { ApiError } from "../auth0-error.js";
import { checkNoTotpYet, enrollablePhoneNumber, requireScope, totpSecret } from "../auth0-rules.js";
import { now, type StandInState, type StoredMethod } from "../state.js";
import type { Route } from "./route.js";

/** A method as the API answers it: a TOTP secret is never sent back. */
function answered(method: StoredMethod): Omit<StoredMethod, "totp_secret"> {
  if (method.type !== "totp") return method;
  const { totp_secret: _secret, ...shown } = method;
  return shown;
}

function newMethod(methods: readonly StoredMethod[], body: Record<string, unknown>): StoredMethod {
  const id = (type: string) => `${type}|dev_${randomBytes(8).toString("hex")}`;
  switch (body.type) {
    case "phone":
      return {
        id: id("phone"),
        type: "phone",
        phone_number: enrollablePhoneNumber(methods, body.phone_number),
        preferred_authentication_method: String(body.preferred_authentication_method ?? "sms"),
        confirmed: true,
        created_at: now(),
      };
    case "totp": {
      const secret = totpSecret(body.totp_secret);
      checkNoTotpYet(methods);
      return {
        id: id("totp"),
        type: "totp",
        ...(typeof body.name === "string" ? { name: body.name } : {}),
        // Methods created through the Management API are confirmed at once.
        confirmed: true,
        created_at: now(),
        totp_secret: secret,
      };
    }
    default:
      throw new ApiError(400, "The stand-in only models phone and totp methods.");
  }
}

export function userRoutes(state: StandInState): Route[] {
  const userById = (id: string) => {
    const user = state.users.find((candidate) => candidate.user_id === id);
    if (!user) throw new ApiError(404, "The user does not exist.", "inexistent_user");
    return user;
  };
  return [
    {
      method: "GET",
      path: /^\/api\/v2\/users-by-email$/,
      handle: ({ url, granted }) => {
        requireScope(granted, "read:users");
        const email = (url.searchParams.get("email") ?? "").toLowerCase();
        return [
          200,
          state.users
            .filter((user) => user.email === email)
            .map(({ user_id, email: address, name }) => ({ user_id, email: address, name })),
        ];
      },
    },
    {
      method: "GET",
      path: /^\/api\/v2\/users\/([^/]+)\/authentication-methods$/,
      handle: ({ params: [id = ""], url, granted }) => {
        requireScope(granted, "read:authentication_methods");
        const user = userById(id);
        const page = Number(url.searchParams.get("page") ?? 0);
        const authenticators = page > 0 ? [] : user.methods.map(answered);
        return [200, { start: 0, limit: 50, total: user.methods.length, authenticators }];
      },
    },
    {
      method: "POST",
      path: /^\/api\/v2\/users\/([^/]+)\/authentication-methods$/,
      handle: ({ params: [id = ""], body, granted }) => {
        requireScope(granted, "create:authentication_methods");
        const user = userById(id);
        const method = newMethod(user.methods, body);
        user.methods.push(method);
        return [201, answered(method)];
      },
    },
    {
      method: "DELETE",
      path: /^\/api\/v2\/users\/([^/]+)\/authentication-methods\/([^/]+)$/,
      handle: ({ params: [id = "", methodId = ""], granted }) => {
        requireScope(granted, "delete:authentication_methods");
        const user = userById(id);
        const before = user.methods.length;
        user.methods = user.methods.filter((method) => method.id !== methodId);
        if (user.methods.length === before) {
          throw new ApiError(404, "Authentication method not found.");
        }
        return [204, undefined];
      },
    },
  ];
}
