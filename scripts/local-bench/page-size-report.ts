// Reads the page-size report the web build writes (web/build/page-size.ts
// emits dist/page-size.json): what index.html pulls in, and what loads later.
import { readFileSync } from "node:fs";

export interface SizedFile {
  file: string;
  bytes: number;
  gzipBytes: number;
}

export interface PageWeight {
  upFront: SizedFile[];
  lazy: SizedFile[];
}

const isSized = (value: unknown): value is SizedFile =>
  typeof value === "object" &&
  value !== null &&
  typeof (value as SizedFile).file === "string" &&
  typeof (value as SizedFile).bytes === "number" &&
  typeof (value as SizedFile).gzipBytes === "number";

export function readPageWeight(path: string): PageWeight {
  const json = JSON.parse(readFileSync(path, "utf8")) as { files?: unknown; lazy?: unknown };
  const list = (value: unknown, what: string): SizedFile[] => {
    if (!Array.isArray(value) || !value.every(isSized)) {
      throw new Error(`${path}: ${what} is not a list of sized files; rebuild the page`);
    }
    return value;
  };
  return { upFront: list(json.files, "files"), lazy: list(json.lazy, "lazy") };
}

/** Gzip bytes of the files whose names end with `extension`. */
export const gzipOf = (files: readonly SizedFile[], extension: string): number =>
  files.filter((f) => f.file.endsWith(extension)).reduce((sum, f) => sum + f.gzipBytes, 0);

/** kB = 1000 bytes, as Vite prints them. */
export const kB = (bytes: number): string => `${(bytes / 1000).toFixed(1)} kB`;
