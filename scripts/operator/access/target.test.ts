import { describe, expect, it } from "vitest";
import { describeFirestoreTarget, resolveFirestoreTarget } from "../firestore/connect.js";

const LOCAL = "127.0.0.1:8080";

// The target rules `npm run access` relies on (shared with the other scripts).
describe("resolveFirestoreTarget", () => {
  it("defaults to the local stack when nothing is configured", () => {
    expect(resolveFirestoreTarget({}, LOCAL)).toEqual({
      kind: "emulator",
      host: LOCAL,
      projectId: "demo-sms-inbox",
    });
  });

  it("uses a configured emulator, with the project named beside it", () => {
    expect(
      resolveFirestoreTarget(
        { FIRESTORE_EMULATOR_HOST: "127.0.0.1:9000", GCLOUD_PROJECT: "demo-x" },
        LOCAL,
      ),
    ).toEqual({ kind: "emulator", host: "127.0.0.1:9000", projectId: "demo-x" });
  });

  it("changes a real project only when one is named and no emulator is set", () => {
    expect(resolveFirestoreTarget({ GOOGLE_CLOUD_PROJECT: "acme-inbox" }, LOCAL)).toEqual({
      kind: "project",
      projectId: "acme-inbox",
    });
    expect(
      resolveFirestoreTarget(
        { GOOGLE_CLOUD_PROJECT: "acme-inbox", FIRESTORE_EMULATOR_HOST: "127.0.0.1:8080" },
        LOCAL,
      ).kind,
    ).toBe("emulator");
  });

  it("says which one it writes to", () => {
    expect(describeFirestoreTarget({ kind: "project", projectId: "acme-inbox" })).toMatch(
      /real project acme-inbox/,
    );
    expect(describeFirestoreTarget(resolveFirestoreTarget({}, LOCAL))).toMatch(
      /local Firestore emulator at 127\.0\.0\.1:8080 \(project demo-sms-inbox\)/,
    );
  });
});
