// The deployment facts that live in two files must agree.
import { readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { describe, expect, it } from "vitest";
import { DEPLOY_DIR, FUNCTIONS_DIR } from "../build/build.mjs";
import type { CodeFilter } from "../src/codes-api/code-finder.js";
import { codeQueryPlan } from "../src/codes-api/code-query.js";
import { defaultSelection, type Selection } from "../src/codes-api/selection.js";
import {
  AUTHENTICATOR_CODES_FUNCTION_ID,
  CODES_API_FUNCTION_ID,
  FUNCTION_ID,
  REGION,
} from "../src/config.js";
import { AUTHENTICATOR_CODES_PATH } from "../src/contract/authenticator.js";
import { CHANNELS } from "../src/contract/channel.js";
import {
  CODES_API_DEFAULT_CHANNELS,
  CODES_API_LIMITS,
  CODES_API_PATH,
} from "../src/contract/codes-api.js";
import { WEBHOOK_PATH } from "../src/contract/notification.js";

const REPO_ROOT = join(FUNCTIONS_DIR, "..");

/**
 * Fields in the order the query names them, its order field last: Firestore
 * may serve equalities from an index in another order, but this one is the
 * index its error message asks for, so it is certain to serve.
 */
const indexShape = (fields: string[]) => JSON.stringify(fields);

const read = (path: string) => JSON.parse(readFileSync(new URL(path, import.meta.url), "utf8"));

describe("firebase.json", () => {
  const firebaseJson = read("../../firebase.json");

  it("rewrites the webhook path to the function, and every function path to its region", () => {
    const rewrites: { source: string; function?: { functionId: string; region: string } }[] =
      firebaseJson.hosting.rewrites;
    const rewrite = rewrites.find((r) => r.source === WEBHOOK_PATH);
    expect(rewrite?.function).toEqual({ functionId: FUNCTION_ID, region: REGION });
    const codesRewrite = rewrites.find((r) => r.source === CODES_API_PATH);
    expect(codesRewrite?.function).toEqual({ functionId: CODES_API_FUNCTION_ID, region: REGION });
    const authenticatorRewrite = rewrites.find((r) => r.source === AUTHENTICATOR_CODES_PATH);
    expect(authenticatorRewrite?.function).toEqual({
      functionId: AUTHENTICATOR_CODES_FUNCTION_ID,
      region: REGION,
    });
    // Further API paths (the wait API) are rewrites of their own, in the same region.
    for (const other of rewrites.filter((r) => r.function)) {
      expect(other.source, other.source).toMatch(/^\/api\/[a-z/-]+$/);
      expect(other.function?.region, other.source).toBe(REGION);
    }
    // No catch-all: it would answer a mistyped webhook path or a missing asset
    // with the page (200, cached as immutable) instead of 404.
    for (const { source } of rewrites) expect(source, source).not.toMatch(/\*/);
    expect(rewrites.find((r) => r.source === "/otp")).toEqual({
      source: "/otp",
      destination: "/index.html",
    });
  });

  it("deploys the function's deploy folder, built first", () => {
    const [codebase] = firebaseJson.functions;
    expect(codebase.source).toBe(relative(REPO_ROOT, DEPLOY_DIR));
    expect(codebase.predeploy).toEqual(['npm --prefix "$PROJECT_DIR" run build -w functions']);
  });

  it.each(["otpCodes", "otpEmailBodies", "otpRefusals"])(
    "declares a TTL on %s' expireAt and exempts it from indexing",
    (collectionGroup) => {
      const indexes = read("../../firestore.indexes.json");
      expect(indexes.fieldOverrides).toContainEqual({
        collectionGroup,
        fieldPath: "expireAt",
        ttl: true,
        indexes: [],
      });
    },
  );

  it("has a composite index for every query the codes API can make, within Firestore's 30 disjunctions", () => {
    // Every shape code-query.ts can build: whose codes, channels, types, a
    // cursor or not. The emulators never ask for indexes; production refuses
    // a query without one.
    const { indexes } = read("../../firestore.indexes.json");
    const shapes = new Set<string>(
      indexes.map((index: { fields: Record<string, string>[] }) =>
        indexShape(index.fields.map((field) => Object.values(field).join(" "))),
      ),
    );
    const manyTypes = Array.from({ length: CODES_API_LIMITS.maxTypes }, (_, i) => `type_${i}`);
    const whoms: CodeFilter["whose"][] = [
      { kind: "user", name: "alice@example.com" },
      { kind: "recipient", phoneNumber: "+61400000001" },
      { kind: "address", address: "alice@example.com" },
    ];
    const selections: Selection[] = [
      ...[undefined, ...CHANNELS].map((channel) => defaultSelection(channel)),
      ...[[...CODES_API_DEFAULT_CHANNELS], ...CHANNELS.map((channel) => [channel])].flatMap(
        (channels) =>
          [["otp_verify"], ["otp_verify", "otp_enroll"], manyTypes].map((types) => ({
            channels,
            types,
          })),
      ),
    ];
    for (const whose of whoms)
      for (const selection of selections)
        for (const receivedAfter of [undefined, { seconds: 1, nanoseconds: 0 }]) {
          const plan = codeQueryPlan({
            whose,
            ...selection,
            ...(receivedAfter ? { receivedAfter } : {}),
          });
          const equalities = plan.where
            .filter((clause) => clause.field !== "receivedAt")
            .map((clause) =>
              clause.op === "array-contains"
                ? `${clause.field} CONTAINS`
                : `${clause.field} ASCENDING`,
            );
          const described = JSON.stringify({ whose, selection, receivedAfter });
          expect(shapes.has(indexShape([...equalities, "receivedAt DESCENDING"])), described).toBe(
            true,
          );
          const disjunctions = plan.where.reduce(
            (product, clause) => product * (clause.op === "in" ? clause.value.length : 1),
            1,
          );
          expect(disjunctions, described).toBeLessThanOrEqual(30);
        }
  });

  it("keeps functions/ deployable on its own: node 22, no workspace-local dependencies", () => {
    const pkg = read("../package.json");
    expect(pkg.engines.node).toBe("22");
    for (const version of Object.values<string>(pkg.dependencies ?? {})) {
      expect(version).not.toMatch(/^(file:|link:|workspace:)/);
    }
  });
});
