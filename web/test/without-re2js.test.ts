import { describe, expect, it } from "vitest";
import { isFirestoreSdk, STAND_IN_SOURCE, withoutRe2js } from "../build/without-re2js.js";

type Hook = (this: { error(message: string): never }, source: string, importer?: string) => unknown;

const resolve = (source: string, importer?: string): unknown => {
  const hook = withoutRe2js().resolveId as unknown as Hook; // a plain function in this plugin
  return hook.call(
    {
      error(message: string): never {
        throw new Error(message);
      },
    },
    source,
    importer,
  );
};

const SDK = "/repo/node_modules/@firebase/firestore/dist/common-CLMydGSF.esm.js";

describe("the build without re2js", () => {
  it("gives the Firestore SDK the stand-in and leaves every other import alone", () => {
    expect(isFirestoreSdk(SDK)).toBe(true);
    expect(resolve("re2js", SDK)).toEqual(expect.stringContaining("re2js-stand-in"));
    expect(resolve("preact", SDK)).toBeNull();
    expect(resolve("firebase/firestore", "/repo/web/src/data/codes.ts")).toBeNull();
  });

  it("fails the build when anything else imports re2js", () => {
    expect(() => resolve("re2js", "/repo/web/src/logic/filter.ts")).toThrow(/imports re2js/);
    expect(() => resolve("re2js", "/repo/node_modules/some-library/index.js")).toThrow(
      /without-re2js\.ts/,
    );
  });

  it("has a stand-in that fails loudly when called", async () => {
    const url = `data:text/javascript,${encodeURIComponent(STAND_IN_SOURCE)}`;
    const { RE2JS } = (await import(/* @vite-ignore */ url)) as {
      RE2JS: { compile(pattern: string): unknown };
    };
    expect(() => RE2JS.compile("a+")).toThrow(/left out of this page/);
  });
});
