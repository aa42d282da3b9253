// A guarded group never outlives its owner: not when stop() is called, not
// when its leader exits on its own, and not when the owner is killed outright.
import { type ChildProcess, spawn } from "node:child_process";
import { once } from "node:events";
import { fileURLToPath } from "node:url";
import { afterEach, describe, expect, it } from "vitest";
import { spawnGuardedGroup } from "./process-group.js";

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

/** Event-driven enough: polls until every pid is gone, or gives up after `ms`. */
async function allGone(pids: number[], ms: number): Promise<number[]> {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    if (!pids.some(alive)) return [];
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return pids.filter(alive);
}

const firstLine = async (child: ChildProcess): Promise<string> => {
  let text = "";
  for await (const chunk of child.stdout ?? []) {
    text += String(chunk);
    if (text.includes("\n")) return text.split("\n")[0] ?? "";
  }
  throw new Error("no output");
};

// A leader that ignores SIGINT and starts two members that ignore it too.
const stubbornLeader = `
const { spawn } = require("node:child_process");
const members = [1, 2].map(() =>
  spawn(process.execPath, ["-e", "process.on('SIGINT', () => {}); setInterval(() => {}, 1000)"], { stdio: "ignore" }),
);
process.on("SIGINT", () => {});
console.log(JSON.stringify([process.pid, ...members.map((m) => m.pid)]));
if (process.argv.includes("exit")) setTimeout(() => process.exit(3), 200); else setInterval(() => {}, 1000);
`;

const leftovers: number[] = [];
afterEach(() => {
  for (const pid of leftovers.splice(0)) if (alive(pid)) process.kill(pid, "SIGKILL");
});

describe("spawnGuardedGroup", () => {
  it("stops the leader and every member on stop(), SIGKILL after the grace period", async () => {
    const group = spawnGuardedGroup(process.execPath, ["-e", stubbornLeader], {
      stopSignal: "SIGINT",
      graceMs: 500,
    });
    const pids = JSON.parse(await firstLine(group.process)) as number[];
    leftovers.push(...pids);
    expect(pids.every(alive)).toBe(true);
    await group.stop();
    // Gone when stop() returns, not some time after.
    expect(pids.filter(alive)).toEqual([]);
  });

  it("kills the members when the leader exits by itself, and reports its exit code", async () => {
    const group = spawnGuardedGroup(process.execPath, ["-e", stubbornLeader, "exit"], {
      stopSignal: "SIGINT",
      graceMs: 60_000,
    });
    const pids = JSON.parse(await firstLine(group.process)) as number[];
    leftovers.push(...pids);
    expect(await group.exited).toBe(3);
    expect(pids.filter(alive)).toEqual([]);
  });

  it("stops the whole group when its owner is killed with SIGKILL", async () => {
    const owner = spawn(
      process.execPath,
      [
        "--import",
        "tsx",
        fileURLToPath(new URL("./process-group-owner.fixture.ts", import.meta.url)),
        stubbornLeader,
        "500",
      ],
      { stdio: ["ignore", "pipe", "inherit"] },
    );
    const pids = JSON.parse(await firstLine(owner)) as number[];
    leftovers.push(...pids);
    expect(pids.every(alive)).toBe(true);
    owner.kill("SIGKILL");
    await once(owner, "exit");
    expect(await allGone(pids, 20_000)).toEqual([]);
    // tsx's start and the guard's 20 s allowance need more than vitest's 5 s
    // default on a loaded 2-core machine (it timed out so in a CI run).
  }, 40_000);

  it("reports a command that cannot start as exit code 127 on its stderr", async () => {
    const group = spawnGuardedGroup("/nonexistent/command", [], {
      stopSignal: "SIGTERM",
      graceMs: 500,
    });
    let stderr = "";
    group.process.stderr?.on("data", (chunk) => {
      stderr += String(chunk);
    });
    expect(await group.exited).toBe(127);
    expect(stderr).toContain("could not run /nonexistent/command");
  });
});
