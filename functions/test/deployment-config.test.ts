// The deployment facts that live in two files must agree.
import { readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { describe, expect, it } from "vitest";
import { DEPLOY_DIR, FUNCTIONS_DIR } from "../build/build.mjs";
import { CODES_API_FUNCTION_ID, FUNCTION_ID, REGION } from "../src/config.js";
import { CODES_API_PATH } from "../src/contract/codes-api.js";
import { WEBHOOK_PATH } from "../src/contract/notification.js";

const REPO_ROOT = join(FUNCTIONS_DIR, "..");

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

  it("has the composite indexes the codes API's queries need in production", () => {
    // Equality on whose codes and on the type, a range and order on receivedAt
    // (firestore-code-finder.ts); the emulators never ask for indexes, Firestore does.
    const { indexes } = read("../../firestore.indexes.json");
    const shapes = indexes.map((index: { fields: Record<string, string>[] }) =>
      index.fields.map((field) => Object.values(field).join(" ")),
    );
    expect(shapes).toContainEqual([
      "owners CONTAINS",
      "messageType ASCENDING",
      "receivedAt DESCENDING",
    ]);
    expect(shapes).toContainEqual([
      "recipient ASCENDING",
      "messageType ASCENDING",
      "receivedAt DESCENDING",
    ]);
  });

  it("keeps functions/ deployable on its own: node 22, no workspace-local dependencies", () => {
    const pkg = read("../package.json");
    expect(pkg.engines.node).toBe("22");
    for (const version of Object.values<string>(pkg.dependencies ?? {})) {
      expect(version).not.toMatch(/^(file:|link:|workspace:)/);
    }
  });
});
