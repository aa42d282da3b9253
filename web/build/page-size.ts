// Reports, at build time, what the page costs to load: index.html, the entry
// script with every chunk it imports statically, and their CSS, gzipped.
// Lazily imported chunks are listed apart. Also written to
// dist/page-size.json so the README figure can be checked.
import { gzipSync } from "node:zlib";
import type { Plugin } from "vite";

export interface SizedFile {
  file: string;
  bytes: number;
  gzipBytes: number;
}

export interface PageSizeReport {
  files: SizedFile[];
  totalBytes: number;
  totalGzipBytes: number;
  lazy: SizedFile[];
}

type Output =
  | {
      type: "chunk";
      code: string;
      imports: string[];
      dynamicImports: string[];
      isEntry: boolean;
      viteMetadata?: { importedCss: Set<string> };
    }
  | { type: "asset"; source: string | Uint8Array };

const size = (file: string, content: string | Uint8Array): SizedFile => {
  const buffer = typeof content === "string" ? Buffer.from(content) : Buffer.from(content);
  return { file, bytes: buffer.length, gzipBytes: gzipSync(buffer, { level: 9 }).length };
};

export function measurePage(bundle: Record<string, Output>): PageSizeReport {
  const loaded = new Set<string>(["index.html"]);
  const visit = (name: string) => {
    const item = bundle[name];
    if (item?.type !== "chunk" || loaded.has(name)) return;
    loaded.add(name);
    for (const css of item.viteMetadata?.importedCss ?? []) loaded.add(css);
    for (const dep of item.imports) visit(dep);
  };
  for (const [name, item] of Object.entries(bundle)) {
    if (item.type === "chunk" && item.isEntry) visit(name);
  }
  const sized = (name: string): SizedFile | undefined => {
    const item = bundle[name];
    if (!item) return undefined;
    return size(name, item.type === "chunk" ? item.code : item.source);
  };
  const files = [...loaded].map(sized).filter((f): f is SizedFile => f !== undefined);
  const lazy = Object.keys(bundle)
    .filter((name) => !loaded.has(name) && /\.(js|css)$/.test(name))
    .map(sized)
    .filter((f): f is SizedFile => f !== undefined);
  return {
    files,
    totalBytes: files.reduce((sum, f) => sum + f.bytes, 0),
    totalGzipBytes: files.reduce((sum, f) => sum + f.gzipBytes, 0),
    lazy,
  };
}

// kB = 1000 bytes, as Vite prints them.
const kb = (bytes: number) => `${(bytes / 1000).toFixed(1)} kB`;

export function pageSizePlugin(): Plugin {
  return {
    name: "sms-inbox:page-size",
    apply: "build",
    enforce: "post",
    generateBundle(_options, bundle) {
      const report = measurePage(bundle as unknown as Record<string, Output>); // rolldown's bundle type is wider than the fields read here
      this.emitFile({
        type: "asset",
        fileName: "page-size.json",
        source: `${JSON.stringify(report, null, 2)}\n`,
      });
      const lines = report.files.map(
        (f) =>
          `  ${f.file.padEnd(40)} ${kb(f.bytes).padStart(10)} ${kb(f.gzipBytes).padStart(10)} gzip`,
      );
      console.log(
        [
          "",
          `Page load (what index.html pulls in): ${kb(report.totalGzipBytes)} gzip, ${kb(report.totalBytes)} raw`,
          ...lines,
          report.lazy.length > 0
            ? `  lazy chunks: ${report.lazy.map((f) => f.file).join(", ")}`
            : "",
        ]
          .filter(Boolean)
          .join("\n"),
      );
    },
  };
}
