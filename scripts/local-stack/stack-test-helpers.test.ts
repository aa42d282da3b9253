import { describe, expect, it } from "vitest";
import { retryWhileCancelled } from "./stack-test-helpers.js";

/** Answers the given statuses in turn, counting calls. */
function answers(...statuses: number[]) {
  let calls = 0;
  const request = async () => {
    const status = statuses[Math.min(calls, statuses.length - 1)] ?? 200;
    calls += 1;
    return new Response(status === 200 ? "{}" : '{"error":{"status":"CANCELLED"}}', { status });
  };
  return { request, calls: () => calls };
}

describe("clearing an emulator while a listener is torn down", () => {
  it("sends the clear again after a 499 (CANCELLED), and returns the answer that came through", async () => {
    const server = answers(499, 499, 200);
    const response = await retryWhileCancelled(server.request, 3, 1);
    expect(response.status).toBe(200);
    expect(server.calls()).toBe(3);
  });

  it("gives up after its attempts, returning the last 499 for the caller to report", async () => {
    const server = answers(499);
    const response = await retryWhileCancelled(server.request, 3, 1);
    expect(response.status).toBe(499);
    expect(server.calls()).toBe(3);
  });

  it("never repeats any other failure", async () => {
    const server = answers(500, 200);
    expect((await retryWhileCancelled(server.request, 3, 1)).status).toBe(500);
    expect(server.calls()).toBe(1);
  });
});
