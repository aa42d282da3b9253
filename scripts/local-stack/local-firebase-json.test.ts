import { readFirebaseJson } from "@sms-inbox/operator/cli/repo-facts";
import { EMULATOR_PAGE_DIR } from "functions/contract/local-stack";
import { describe, expect, it } from "vitest";
import { allowConnectTo, localConfigName, localStackFirebaseJson } from "./local-firebase-json.js";

const ports = {
  hub: 4400,
  hosting: 5000,
  functions: 5001,
  firestore: 8080,
  auth: 9099,
  logging: 4500,
};

type Header = { key: string; value: string };
type Rule = { source?: string; regex?: string; headers: Header[] };

const policies = (config: Record<string, unknown>): string[] =>
  ((config.hosting as { headers: Rule[] }).headers ?? []).flatMap((rule) =>
    rule.headers.filter((h) => h.key === "Content-Security-Policy").map((h) => h.value),
  );
const connectSrc = (csp: string) =>
  /(?:^|;\s*)connect-src ([^;]*)/.exec(csp)?.[1]?.split(/\s+/) ?? [];

describe("the local stack's firebase.json", () => {
  const production = readFirebaseJson();
  const local = localStackFirebaseJson(production, { ...ports, firestore: 28080 }, "127.0.0.1");

  it("serves the emulator build of the page, never the production folder", () => {
    expect((production.hosting as { public: string }).public).toBe("web/dist");
    expect((local.hosting as { public: string }).public).toBe(EMULATOR_PAGE_DIR);
  });

  it("lets the page reach exactly the emulators' ports; production's policy names no local address", () => {
    const [prod] = policies(production);
    expect(prod).toBeDefined();
    expect(prod).not.toMatch(/127\.0\.0\.1|localhost|http:/);
    const [withEmulators] = policies(local);
    expect(connectSrc(withEmulators ?? "")).toEqual([
      ...connectSrc(prod ?? ""),
      "http://127.0.0.1:28080",
      "http://127.0.0.1:9099",
    ]);
    expect(policies(local)).toHaveLength(policies(production).length);
  });

  it("loads the functions workspace, whose lib/ is the deployed bundle, and runs no predeploy", () => {
    const [codebase] = local.functions as Record<string, unknown>[];
    expect(codebase?.source).toBe("functions");
    expect(codebase?.ignore).toEqual(
      expect.arrayContaining(["node_modules", "src", "test", "dist"]),
    );
    expect(codebase).not.toHaveProperty("predeploy");
    expect(local.hosting).not.toHaveProperty("predeploy");
    const [deployed] = production.functions as Record<string, unknown>[];
    expect(deployed?.source).toBe("functions/dist");
  });

  it("moves the emulators to the given ports and keeps everything else as firebase.json says", () => {
    expect((local.emulators as Record<string, unknown>).firestore).toEqual({
      host: "127.0.0.1",
      port: 28080,
    });
    expect((local.hosting as Record<string, unknown>).rewrites).toEqual(
      (production.hosting as Record<string, unknown>).rewrites,
    );
    expect(local.firestore).toEqual(production.firestore);
  });

  it("is named after its Hosting port, so two stacks never write the same file", () => {
    expect(localConfigName(ports)).toBe("firebase.local-stack.5000.json");
    expect(localConfigName({ ...ports, hosting: 25000 })).not.toBe(localConfigName(ports));
  });
});

describe("allowConnectTo", () => {
  it("appends to connect-src, or derives one from default-src", () => {
    expect(allowConnectTo("default-src 'self'; connect-src 'self' https://a", ["http://h:1"])).toBe(
      "default-src 'self'; connect-src 'self' https://a http://h:1",
    );
    expect(allowConnectTo("default-src 'self' https://b;", ["http://h:1"])).toBe(
      "default-src 'self' https://b; connect-src 'self' https://b http://h:1",
    );
  });
});
