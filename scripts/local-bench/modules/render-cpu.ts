// Row 8: what the inbox page's renderer costs while codes arrive at 6 a
// second, the rate of test:reliability's page soak. The page is open, signed
// in and live; firebase-admin creates a code every 1/6 s for the soak's
// length (the Functions emulator answers about 5 calls a second, so the
// webhook could not keep up, and the page sees the same documents either way);
// over that window Chromium's own counters give the page's main-thread busy
// time (CDP Performance.getMetrics: TaskDuration, of it ScriptDuration,
// RecalcStyleDuration, LayoutDuration) and the renderer process's CPU time
// (SystemInfo.getProcessInfo, what top shows), each as a share of one core,
// and on Linux that CPU time split by thread (/proc): the main thread, the
// compositor, and the worker pool (V8's compilers and GC, raster). Nothing of
// the bench's own runs in the page meanwhile but one MutationObserver on the
// connection indicator's state, installed before the window, which runs only
// when that state changes; no polling. Once the window has closed the bench
// checks the rows, any animation still running (one that restarts keeps the
// compositor drawing 60 frames a second) and every state the page entered (a
// re-sync costs a full re-read of the listener's 200 documents).
import { readdirSync, readFileSync } from "node:fs";
import { clearFirestore } from "@sms-inbox/local-stack/stack-test-helpers";
import type { CDPSession, Page } from "playwright-core";
import {
  BENCH_PRESENTER,
  benchPayload,
  codesCollection,
  deleteRunCodes,
  storedCodeFor,
  writeBenchLabels,
} from "../bench-data.js";
import type { BenchModule, StackContext } from "../bench-module.js";
import { signInWithEmulatedGoogle } from "../inbox-page.js";
import { allowPresenter } from "./screen.js";

const RATE_PER_S = 6;
/** After the last write, before the window closes: the page renders what is in flight. */
const SETTLE_MS = 2_000;
/** The idle reference's length. */
const IDLE_MS = 15_000;

/** Main-thread seconds from Performance.getMetrics (cumulative since the page opened). */
interface MainThread {
  task: number;
  script: number;
  style: number;
  layout: number;
}

async function mainThread(cdp: CDPSession): Promise<MainThread> {
  const { metrics } = await cdp.send("Performance.getMetrics");
  const value = (name: string) => metrics.find((m) => m.name === name)?.value ?? 0;
  return {
    task: value("TaskDuration"),
    script: value("ScriptDuration"),
    style: value("RecalcStyleDuration"),
    layout: value("LayoutDuration"),
  };
}

interface RendererProcess {
  id: number;
  cpuTime: number;
}

/** Every renderer process (the bench's page is the only one open); undefined when Chromium does not say. */
async function rendererProcesses(browserCdp: CDPSession): Promise<RendererProcess[] | undefined> {
  try {
    const { processInfo } = (await browserCdp.send("SystemInfo.getProcessInfo")) as {
      processInfo: { type: string; id: number; cpuTime: number }[];
    };
    return processInfo.filter((p) => p.type === "renderer");
  } catch {
    return undefined;
  }
}

/** Their CPU seconds, all threads. */
const rendererCpu = (processes: RendererProcess[] | undefined) =>
  processes?.reduce((sum, p) => sum + p.cpuTime, 0);

/** Linux's USER_HZ: /proc counts CPU time in these ticks. */
const CLOCK_TICKS_PER_S = 100;

interface RendererThreads {
  main: number;
  compositor: number;
  workers: number;
  other: number;
}

/** CPU seconds of the renderers' threads, from /proc; undefined where there is none. */
function rendererThreads(processes: RendererProcess[] | undefined): RendererThreads | undefined {
  if (!processes) return undefined;
  try {
    const sums: RendererThreads = { main: 0, compositor: 0, workers: 0, other: 0 };
    for (const { id } of processes) {
      for (const tid of readdirSync(`/proc/${id}/task`)) {
        const stat = readFileSync(`/proc/${id}/task/${tid}/stat`, "utf8");
        const name = stat.slice(stat.indexOf("(") + 1, stat.lastIndexOf(")"));
        // After the name: utime and stime are the 12th and 13th fields.
        const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
        const seconds = (Number(fields[11]) + Number(fields[12])) / CLOCK_TICKS_PER_S;
        if (Number(tid) === id) sums.main += seconds;
        else if (name === "Compositor") sums.compositor += seconds;
        else if (name.startsWith("ThreadPoolForeg")) sums.workers += seconds;
        else sums.other += seconds;
      }
    }
    return sums;
  } catch {
    return undefined;
  }
}

function threadSplit(before: RendererThreads | undefined, after: RendererThreads | undefined) {
  if (!before || !after) return "";
  const of = (key: keyof RendererThreads) => (after[key] - before[key]).toFixed(1);
  return (
    `; by thread: main ${of("main")} s, compositor ${of("compositor")} s, ` +
    `worker pool ${of("workers")} s, others ${of("other")} s`
  );
}

interface StateRecorder {
  __benchStates?: string[];
}

/**
 * From now on, records each state the connection indicator enters. Leaving
 * Live costs the page a re-read and a new pulse, so a window in which it did
 * is not comparable with one in which it did not.
 */
async function recordConnectionStates(page: Page): Promise<void> {
  await page.evaluate(() => {
    const states: string[] = [];
    (window as StateRecorder).__benchStates = states;
    new MutationObserver(() => {
      const state = document.querySelector(".connection")?.getAttribute("data-state") ?? "none";
      if (states.at(-1) !== state) states.push(state);
    }).observe(document.body, { subtree: true, attributes: true, attributeFilter: ["data-state"] });
  });
}

/** What the page says once the window has closed: animations still running, and whether it left "Live". */
async function pageAfter(page: Page): Promise<string> {
  const seen = await page.evaluate(() => ({
    animations: document.getAnimations().map((a) => (a as CSSAnimation).animationName || "?"),
    state: document.querySelector(".connection")?.getAttribute("data-state") ?? "none",
    states: (window as StateRecorder).__benchStates ?? [],
  }));
  const animations =
    seen.animations.length === 0
      ? "no animation running after"
      : `${seen.animations.length} animations running after (${seen.animations.join(", ")})`;
  const left = seen.states.filter((state) => state !== "live");
  const states =
    left.length === 0
      ? "Live throughout"
      : `left Live ${left.length} times (${[...new Set(left)].join(", ")})`;
  return `${animations}; ${states}; ${seen.state} at the end`;
}

const share = (seconds: number, wallSeconds: number) =>
  `${((seconds / wallSeconds) * 100).toFixed(1)} %`;

async function openInbox(context: StackContext) {
  const chromium = await context.browser();
  const browserContext = await chromium.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await browserContext.newPage();
  await page.goto(context.stack.env.inboxUrl);
  await signInWithEmulatedGoogle(page, BENCH_PRESENTER);
  await page.locator('.connection[data-state="live"]').waitFor({ timeout: 60_000 });
  return { browserContext, page, browserCdp: await chromium.newBrowserCDPSession() };
}

/** Creates a code every 1/RATE_PER_S s, open loop, for `seconds`; resolves with the ids once all are stored. */
async function writeAtRate(
  context: StackContext,
  tag: string,
  seconds: number,
): Promise<{ ids: string[]; failures: number }> {
  const total = Math.round(seconds * RATE_PER_S);
  const started = Date.now();
  const writes: Promise<string>[] = [];
  for (let n = 0; n < total; n++) {
    const due = started + (n * 1000) / RATE_PER_S;
    const wait = due - Date.now();
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
    const ref = codesCollection(context.db).doc();
    writes.push(ref.create(storedCodeFor(benchPayload(n, tag))).then(() => ref.id));
  }
  const settled = await Promise.allSettled(writes);
  const ids = settled.flatMap((r) => (r.status === "fulfilled" ? [r.value] : []));
  return { ids, failures: total - ids.length };
}

async function rowsShown(page: Page): Promise<number> {
  return page.locator(".code-row[data-code-id]").count();
}

export const renderCpuModule: BenchModule = {
  key: "render-cpu",
  name: "the page's renderer CPU at 6 codes/s (row 8)",
  scope: "per-firestore",
  async run(context: StackContext) {
    const { profile, db, log } = context;
    const seconds = profile === "quick" ? 20 : 60;
    await clearFirestore();
    await writeBenchLabels(db);
    await allowPresenter(db);
    const { browserContext, page, browserCdp } = await openInbox(context);
    const tag = `bench-render-${Date.now()}`;
    try {
      const cdp = await browserContext.newCDPSession(page);
      await cdp.send("Performance.enable");
      // Warm-up: the listener's first changes, the rows' first layout.
      await writeAtRate(context, `${tag}-warm`, 3);
      await new Promise((resolve) => setTimeout(resolve, SETTLE_MS));

      // The reference: the same page, live, with no code arriving (its
      // constant cost: the live dot's pulse, the ticking ages).
      const idleStart = await mainThread(cdp);
      const idleCpuStart = rendererCpu(await rendererProcesses(browserCdp));
      const i0 = performance.now();
      await new Promise((resolve) => setTimeout(resolve, IDLE_MS));
      const idleEnd = await mainThread(cdp);
      const idleCpuEnd = rendererCpu(await rendererProcesses(browserCdp));
      const idleWall = (performance.now() - i0) / 1000;
      const idleTask = idleEnd.task - idleStart.task;
      const idleProcess =
        idleCpuStart !== undefined && idleCpuEnd !== undefined
          ? idleCpuEnd - idleCpuStart
          : undefined;

      await recordConnectionStates(page);
      const before = await mainThread(cdp);
      const processesBefore = await rendererProcesses(browserCdp);
      const cpuBefore = rendererCpu(processesBefore);
      const threadsBefore = rendererThreads(processesBefore);
      const t0 = performance.now();
      const { ids, failures } = await writeAtRate(context, tag, seconds);
      await new Promise((resolve) => setTimeout(resolve, SETTLE_MS));
      const after = await mainThread(cdp);
      const processesAfter = await rendererProcesses(browserCdp);
      const cpuAfter = rendererCpu(processesAfter);
      const threadsAfter = rendererThreads(processesAfter);
      const wall = (performance.now() - t0) / 1000;

      // Checked after the window, so the check costs the page nothing measured.
      const last = ids.at(-1);
      if (last) {
        await page.locator(`.code-row[data-code-id="${last}"]`).waitFor({ timeout: 30_000 });
      }
      const rows = await rowsShown(page);
      const afterwards = await pageAfter(page);
      const task = after.task - before.task;
      const script = after.script - before.script;
      const style = after.style - before.style;
      const layout = after.layout - before.layout;
      const process =
        cpuBefore !== undefined && cpuAfter !== undefined ? cpuAfter - cpuBefore : undefined;
      log(
        `  ${ids.length} codes in ${wall.toFixed(1)} s (${(ids.length / wall).toFixed(1)}/s), ` +
          `${failures} writes failed; ${rows} rows on screen at the end; ` +
          `main thread ${task.toFixed(2)} s busy: script ${script.toFixed(2)} s, ` +
          `style ${style.toFixed(2)} s, layout ${layout.toFixed(2)} s` +
          (process === undefined ? "" : `; renderer process ${process.toFixed(2)} s CPU`),
      );
      log(
        `  idle, ${idleWall.toFixed(1)} s: main thread ${idleTask.toFixed(2)} s busy` +
          (idleProcess === undefined ? "" : `; renderer process ${idleProcess.toFixed(2)} s CPU`),
      );
      const idleReference = (busy: number | undefined) =>
        busy === undefined ? undefined : `idle (no codes arriving): ${share(busy, idleWall)}`;
      return [
        {
          id: "8a",
          measurement: `The page's main thread while codes arrive at ${RATE_PER_S}/s for ${seconds} s (CDP TaskDuration)`,
          result:
            `${share(task, wall)} of a core busy (${task.toFixed(1)} s in ${wall.toFixed(0)} s): ` +
            `script ${share(script, wall)}, style ${share(style, wall)}, layout ${share(layout, wall)}; ` +
            `${ids.length} codes, ${rows} rows on screen; ${afterwards}`,
          reference: idleReference(idleTask),
        },
        {
          id: "8b",
          measurement: `The page's renderer process, same window (CPU time, all its threads)`,
          result:
            process === undefined
              ? "not reported by this Chromium (SystemInfo.getProcessInfo)"
              : `${share(process, wall)} of a core (${process.toFixed(1)} s CPU in ${wall.toFixed(0)} s` +
                `${threadSplit(threadsBefore, threadsAfter)})`,
          reference: idleReference(idleProcess),
        },
      ];
    } finally {
      await browserContext.close();
      await deleteRunCodes(db, tag).catch(() => 0);
      await deleteRunCodes(db, `${tag}-warm`).catch(() => 0);
    }
  },
};
