/// <reference lib="dom" />
// Node side of the browser tests and the benchmark: bundles page.ts with the real
// firebase browser SDK (esbuild), serves it from its own origin (so every
// gateway request is cross-origin, as from Firebase Hosting) and drives it.
import { fileURLToPath } from "node:url";
import type { Browser, Page } from "playwright-core";
import type { Arrival, GatewayPageApi, ListenSpec, PageConfig } from "./page.js";
import { bundleBrowserScript, type PageServer, serveScriptPage } from "./script-page.js";

export type { Arrival, ListenSpec, PageConfig };

const PAGE_ENTRY = fileURLToPath(new URL("./page.ts", import.meta.url));
let bundle: Promise<string> | undefined;

/** The page script, bundled once per process (about a second). */
export function pageBundle(): Promise<string> {
  bundle ??= bundleBrowserScript(PAGE_ENTRY, { target: "es2020", minify: false });
  return bundle;
}

export type { PageServer };

export async function startPageServer(): Promise<PageServer> {
  return serveScriptPage("gateway test page", await pageBundle());
}

/** One page on the test page, talking to Firestore at config.host:config.port. */
export class GatewayPage {
  /** Console output and page errors, printed when a wait fails. */
  readonly console: string[] = [];

  private constructor(readonly page: Page) {
    page.on("console", (message) => this.console.push(`${message.type()}: ${message.text()}`));
    page.on("pageerror", (error) => this.console.push(`pageerror: ${error.message}`));
  }

  static async open(
    browser: Browser,
    server: PageServer,
    config: PageConfig,
  ): Promise<GatewayPage> {
    const page = await browser.newPage();
    const opened = new GatewayPage(page);
    await page.goto(server.url);
    await page.waitForSelector("body[data-ready=true]", { state: "attached" });
    await page.evaluate((c) => window.gatewayPage.start(c), config);
    return opened;
  }

  listen(spec: ListenSpec): Promise<void> {
    return this.page.evaluate((s) => window.gatewayPage.listen(s), spec);
  }

  unlisten(name: string): Promise<void> {
    return this.page.evaluate((n) => window.gatewayPage.unlisten(n), name);
  }

  getDoc(path: string): Promise<unknown> {
    return this.page.evaluate((p) => window.gatewayPage.getDoc(p), path);
  }

  /** Resolves to "ok" or the SDK's error code. */
  setDoc(path: string, data: Record<string, unknown>): Promise<string> {
    return this.page.evaluate(([p, d]) => window.gatewayPage.setDoc(p, d), [path, data] as const);
  }

  arrivals(): Promise<Arrival[]> {
    return this.page.evaluate(() => window.gatewayPage.arrivals);
  }

  /** The listener's rendered documents: id → data. */
  async docs(name: string): Promise<Record<string, unknown>> {
    const items = await this.page.$$eval(`#listener-${name} li`, (lis) =>
      lis.map((li) => [(li as HTMLElement).dataset.id ?? "", li.textContent ?? ""] as const),
    );
    return Object.fromEntries(items.map(([id, json]) => [id, JSON.parse(json)]));
  }

  /** Waits until the listener shows exactly these document ids, in this order. */
  waitForIds(name: string, ids: string[], timeoutMs = 15_000): Promise<void> {
    const shown = this.page.waitForFunction(
      ([n, expected]) => {
        const items = Array.from(document.querySelectorAll(`#listener-${n} li`));
        const idsShown = items.map((li) => (li as HTMLElement).dataset.id);
        return JSON.stringify(idsShown) === expected;
      },
      [name, JSON.stringify(ids)] as const,
      { timeout: timeoutMs },
    );
    return this.explainTimeout(shown, `listener ${name} to show ${JSON.stringify(ids)}`);
  }

  /** Waits until the listener shows the document with exactly this data. */
  waitForDoc(name: string, id: string, data: unknown, timeoutMs = 15_000): Promise<void> {
    const shown = this.page.waitForFunction(
      ([n, docId, json]) =>
        document.querySelector(`#listener-${n} li[data-id="${docId}"]`)?.textContent === json,
      [name, id, JSON.stringify(data)] as const,
      { timeout: timeoutMs },
    );
    return this.explainTimeout(shown, `listener ${name} to show ${id} = ${JSON.stringify(data)}`);
  }

  private async explainTimeout(wait: Promise<unknown>, what: string): Promise<void> {
    try {
      await wait;
    } catch (error) {
      const shown = await this.page.evaluate(() => document.body.innerHTML).catch(() => "?");
      throw new Error(
        `Timed out waiting for ${what}.\nPage: ${shown}\nConsole:\n${this.console.slice(-30).join("\n")}`,
        { cause: error },
      );
    }
  }

  close(): Promise<void> {
    return this.page.close();
  }
}

declare global {
  interface Window {
    gatewayPage: GatewayPageApi;
  }
}
