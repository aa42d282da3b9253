// The deployment facts that live in two files must agree.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { FUNCTION_ID, REGION } from "../src/config.js";
import { WEBHOOK_PATH } from "../src/contract/notification.js";

const read = (path: string) => JSON.parse(readFileSync(new URL(path, import.meta.url), "utf8"));

describe("firebase.json", () => {
  const firebaseJson = read("../../firebase.json");

  it("rewrites the webhook path to the function in the function's region", () => {
    const rewrite = firebaseJson.hosting.rewrites.find(
      (r: { source: string }) => r.source === WEBHOOK_PATH,
    );
    expect(rewrite?.function).toEqual({ functionId: FUNCTION_ID, region: REGION });
    // No catch-all: it would answer a mistyped webhook path or a missing asset
    // with the page (200, cached as immutable) instead of 404.
    const sources = firebaseJson.hosting.rewrites.map((r: { source: string }) => r.source);
    expect(sources).toEqual([WEBHOOK_PATH, "/otp"]);
  });

  it.each(["otpCodes", "otpRefusals"])(
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

  it("keeps functions/ deployable on its own: node 22, no workspace-local dependencies", () => {
    const pkg = read("../package.json");
    expect(pkg.engines.node).toBe("22");
    for (const version of Object.values<string>(pkg.dependencies ?? {})) {
      expect(version).not.toMatch(/^(file:|link:|workspace:)/);
    }
  });
});
