// Node side of the polling reader: bundles ./page.ts with esbuild, serves it
// from a loopback HTTP server of its own (Chrome lets only loopback pages
// reach the loopback emulators) and starts it polling.
import { fileURLToPath } from "node:url";
import { bundleBrowserScript, serveScriptPage } from "@sms-inbox/in-memory-firestore/script-page";
import type { Browser } from "playwright-core";
import { recordRowArrivals, type TimedPage, timedPage } from "../inbox-page.js";
import type { ReaderConfig } from "./page.js";

const ENTRY = fileURLToPath(new URL("./page.ts", import.meta.url));
export interface PollingReader extends TimedPage {
  close(): Promise<void>;
}

export async function openPollingReader(
  browser: Browser,
  config: ReaderConfig,
): Promise<PollingReader> {
  const server = await serveScriptPage(
    "polling reader",
    await bundleBrowserScript(ENTRY, { target: "es2022", minify: true }),
  );
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
