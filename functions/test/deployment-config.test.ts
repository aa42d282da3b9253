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
    // The catch-all SPA rewrite must come after it, or it would swallow the webhook.
    expect(firebaseJson.hosting.rewrites.at(-1).source).toBe("**");
  });

  it("declares a TTL on the codes' expireAt and exempts it from indexing", () => {
    const indexes = read("../../firestore.indexes.json");
    expect(indexes.fieldOverrides).toContainEqual({
      collectionGroup: "otpCodes",
      fieldPath: "expireAt",
      ttl: true,
      indexes: [],
    });
  });

  it("keeps functions/ deployable on its own: node 22, no workspace-local dependencies", () => {
    const pkg = read("../package.json");
    expect(pkg.engines.node).toBe("22");
    for (const version of Object.values<string>(pkg.dependencies ?? {})) {
      expect(version).not.toMatch(/^(file:|link:|workspace:)/);
    }
  });
});
