// Firestore's browser SDK (firebase 12) bundles re2js, a regular-expression
// engine, to evaluate the regex functions of pipeline queries (like,
// regex_contains, regex_match) in the browser: about 46 kB gzip, a quarter of
// the page, for queries the page never runs (it only listens to two plain
// queries, web/src/data/). The build resolves re2js to a stand-in that throws
// when called, so a pipeline regex would fail loudly (the SDK reports it as an
// invalid pattern), never match silently. The build fails if anything other
// than the Firestore SDK imports re2js: a real user of it gets the real engine
// or a clear error, not the stand-in.
import type { Plugin } from "vite";

const STAND_IN = "\0sms-inbox:re2js-stand-in";

export const STAND_IN_SOURCE = `const leftOut = () => {
  throw new Error("re2js is left out of this page (web/build/without-re2js.ts): Firestore pipeline regex functions are not available here");
};
export const RE2JS = { compile: leftOut, matches: leftOut, quote: leftOut };
`;

/** The only importer the stand-in is meant for. */
export const isFirestoreSdk = (importer: string | undefined): boolean =>
  importer !== undefined && /[\\/]node_modules[\\/]@firebase[\\/]firestore[\\/]/.test(importer);

export function withoutRe2js(): Plugin {
  return {
    name: "sms-inbox:without-re2js",
    apply: "build",
    enforce: "pre",
    resolveId(source, importer) {
      if (source !== "re2js") return null;
      if (!isFirestoreSdk(importer)) {
        this.error(
          `${importer ?? "an entry"} imports re2js, which this build replaces with a stand-in for ` +
            "Firestore's sake only (web/build/without-re2js.ts): let it through there.",
        );
      }
      return STAND_IN;
    },
    load(id) {
      return id === STAND_IN ? STAND_IN_SOURCE : null;
    },
  };
}
