// Node side of the polling reader: bundles ./page.ts with esbuild, serves it
// from a loopback HTTP server of its own (Chrome lets only loopback pages
// reach the loopback emulators) and starts it polling.
import http from "node:http";
import type { AddressInfo } from "node:net";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";
import type { Browser } from "playwright-core";
import { recordRowArrivals, type TimedPage, timedPage } from "../inbox-page.js";
import type { ReaderConfig } from "./page.js";

const ENTRY = fileURLToPath(new URL("./page.ts", import.meta.url));
const HTML =
  '<!doctype html><html><head><meta charset="utf-8"><title>polling reader</title></head>' +
  '<body><script src="/reader.js"></script></body></html>';

async function bundle(): Promise<string> {
  const result = await build({
    entryPoints: [ENTRY],
    bundle: true,
    write: false,
    format: "iife",
    platform: "browser",
    target: "es2022",
    minify: true,
    logLevel: "silent",
  });
  const output = result.outputFiles[0];
  if (!output) throw new Error("esbuild produced no polling reader");
  return output.text;
}

async function serve(script: string): Promise<{ url: string; close(): Promise<void> }> {
  const server = http.createServer((req, res) => {
    const isScript = req.url === "/reader.js";
    res.writeHead(isScript || req.url === "/" ? 200 : 404, {
      "Content-Type": isScript ? "text/javascript; charset=utf-8" : "text/html; charset=utf-8",
    });
    res.end(isScript ? script : req.url === "/" ? HTML : "");
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

export interface PollingReader extends TimedPage {
  close(): Promise<void>;
}

export async function openPollingReader(
  browser: Browser,
  config: ReaderConfig,
): Promise<PollingReader> {
  const server = await serve(await bundle());
  const context = await browser.newContext();
  try {
    await context.addInitScript(recordRowArrivals, {
      selector: "li[data-code-id]",
      attribute: "data-code-id",
    });
    const page = await context.newPage();
    const consoleLines: string[] = [];
    page.on("console", (message) => consoleLines.push(message.text()));
    await page.goto(server.url);
    await page.waitForFunction(() => window.pollingReader !== undefined);
    await page.evaluate((c) => window.pollingReader.start(c), config);
    await page.waitForFunction(
      () => window.pollingReader.polls > 0 || window.pollingReader.errors.length > 0,
    );
    const errors = await page.evaluate(() => window.pollingReader.errors);
    if (errors.length > 0) {
      throw new Error(
        `the polling reader cannot read codes: ${errors[0]}\n${consoleLines.slice(-5).join("\n")}`,
      );
    }
    const timed = await timedPage(context, page);
    return {
      ...timed,
      async close() {
        await context.close();
        await server.close();
      },
    };
  } catch (error) {
    await context.close();
    await server.close();
    throw error;
  }
}
