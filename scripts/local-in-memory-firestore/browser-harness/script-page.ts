// A browser script bundled with esbuild and served on a loopback origin of its
// own, as one HTML page that loads it: the gateway's browser tests and the
// benchmark's polling reader each drive such a page. Loopback, because Chrome
// lets only loopback pages reach the loopback emulators.
import http from "node:http";
import type { AddressInfo } from "node:net";
import { build } from "esbuild";

export interface PageServer {
  url: string;
  close(): Promise<void>;
}

/** The entry's code with everything it imports, as one classic script. */
export async function bundleBrowserScript(
  entry: string,
  options: { target: string; minify: boolean },
): Promise<string> {
  const result = await build({
    entryPoints: [entry],
    bundle: true,
    write: false,
    format: "iife",
    platform: "browser",
    logLevel: "silent",
    ...options,
  });
  const output = result.outputFiles[0];
  if (!output) throw new Error(`esbuild produced no output for ${entry}`);
  return output.text;
}

/** Serves `/` (a page titled `title` that loads the script) and `/page.js`; anything else is 404. */
export async function serveScriptPage(title: string, script: string): Promise<PageServer> {
  const html =
    `<!doctype html><html><head><meta charset="utf-8"><title>${title}</title></head>` +
    '<body><script src="/page.js"></script></body></html>';
  const server = http.createServer((req, res) => {
    const isScript = req.url === "/page.js";
    res.writeHead(isScript || req.url === "/" ? 200 : 404, {
      "Content-Type": isScript ? "text/javascript; charset=utf-8" : "text/html; charset=utf-8",
    });
    res.end(isScript ? script : req.url === "/" ? html : "");
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/`,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
