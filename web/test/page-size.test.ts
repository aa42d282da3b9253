import { describe, expect, it } from "vitest";
import { measurePage } from "../build/page-size.js";

const chunk = (code: string, imports: string[] = [], css: string[] = [], isEntry = false) => ({
  type: "chunk" as const,
  code,
  imports,
  dynamicImports: [],
  isEntry,
  viteMetadata: { importedCss: new Set(css) },
});

describe("page size report", () => {
  it("counts index.html, the entry, its static imports and their CSS, not lazy chunks", () => {
    const report = measurePage({
      "index.html": { type: "asset", source: "<html></html>" },
      "assets/main.js": chunk("x".repeat(1000), ["assets/vendor.js"], ["assets/main.css"], true),
      "assets/vendor.js": chunk("y".repeat(500)),
      "assets/main.css": { type: "asset", source: "body{}" },
      "assets/lazy.js": chunk("z".repeat(300)),
    });
    expect(report.files.map((f) => f.file).sort()).toEqual([
      "assets/main.css",
      "assets/main.js",
      "assets/vendor.js",
      "index.html",
    ]);
    expect(report.totalBytes).toBe(13 + 1000 + 500 + 6);
    expect(report.totalGzipBytes).toBeLessThan(report.totalBytes);
    expect(report.lazy.map((f) => f.file)).toEqual(["assets/lazy.js"]);
  });
});
