import { describe, expect, it } from "vitest";
import { describeAccessTarget, resolveAccessTarget } from "./target.js";

const LOCAL = "127.0.0.1:8080";

describe("resolveAccessTarget", () => {
  it("defaults to the local stack when nothing is configured", () => {
    expect(resolveAccessTarget({}, LOCAL)).toEqual({
      kind: "emulator",
      host: LOCAL,
      projectId: "demo-sms-inbox",
    });
  });

  it("uses a configured emulator, with the project named beside it", () => {
    expect(
      resolveAccessTarget(
        { FIRESTORE_EMULATOR_HOST: "127.0.0.1:9000", GCLOUD_PROJECT: "demo-x" },
        LOCAL,
      ),
    ).toEqual({ kind: "emulator", host: "127.0.0.1:9000", projectId: "demo-x" });
  });

  it("changes a real project only when one is named and no emulator is set", () => {
    expect(resolveAccessTarget({ GOOGLE_CLOUD_PROJECT: "acme-inbox" }, LOCAL)).toEqual({
      kind: "project",
      projectId: "acme-inbox",
    });
    expect(
      resolveAccessTarget(
        { GOOGLE_CLOUD_PROJECT: "acme-inbox", FIRESTORE_EMULATOR_HOST: "127.0.0.1:8080" },
        LOCAL,
      ).kind,
    ).toBe("emulator");
  });

  it("says which one it writes to", () => {
    expect(describeAccessTarget({ kind: "project", projectId: "acme-inbox" })).toMatch(
      /real project acme-inbox/,
    );
    expect(describeAccessTarget(resolveAccessTarget({}, LOCAL))).toMatch(
      /local Firestore emulator at 127\.0\.0\.1:8080 \(project demo-sms-inbox\)/,
    );
  });
});
