import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { parseChunks } from "./framing.js";
import type { ListenUpstream, TargetCallHandlers } from "./listen-upstream.js";
import type { ListenRequestJson, ListenResponseJson } from "./proto-json.js";
import { type BackChannelSink, type SessionLimits, WebChannelSession } from "./session.js";

const LIMITS: SessionLimits = {
  keepaliveMs: 1_000,
  recycleStreamAtChars: 10_000,
  maxRetainedChars: 100_000,
};

/** An upstream whose calls the test drives by hand. */
function fakeUpstream() {
  const calls: { request: ListenRequestJson; handlers: TargetCallHandlers; closed: boolean }[] = [];
  const upstream: ListenUpstream = {
    open(request, handlers) {
      const call = { request, handlers, closed: false };
      calls.push(call);
      return {
        close: () => {
          call.closed = true;
        },
      };
    },
    close() {},
  };
  return { upstream, calls };
}

/** A back channel that records what was written and whether it ended. */
function fakeSink() {
  const sink = { text: "", ended: false } as BackChannelSink & { text: string; ended: boolean };
  sink.write = (text) => {
    sink.text += text;
  };
  sink.end = (text) => {
    sink.text += text ?? "";
    sink.ended = true;
  };
  return sink;
}

/** The [id, payload] arrays a sink received. */
function arraysOf(sink: { text: string }): [number, unknown[]][] {
  return parseChunks(sink.text).flatMap((chunk) => JSON.parse(chunk));
}

const add = (targetId: number, id: number) => ({
  id,
  json: JSON.stringify({ database: "projects/p/databases/(default)", addTarget: { targetId } }),
});
const remove = (targetId: number, id: number) => ({
  id,
  json: JSON.stringify({ database: "projects/p/databases/(default)", removeTarget: targetId }),
});
const change = (n: number) => ({ targetChange: { targetIds: [n] } });

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

describe("WebChannelSession", () => {
  it("answers the handshake with the session id and keepalive", () => {
    const session = new WebChannelSession("Listen", fakeUpstream().upstream, LIMITS);
    const [chunk] = parseChunks(session.handshakeReply());
    expect(JSON.parse(chunk ?? "")).toEqual([[0, ["c", session.id, "", 8, 14, 1_000]]]);
  });

  it("opens one upstream call per target and skips repeated map ids", () => {
    const { upstream, calls } = fakeUpstream();
    const session = new WebChannelSession("Listen", upstream, LIMITS);
    session.receive([add(2, 0)]);
    session.receive([add(2, 0), add(4, 1)]); // a retried POST repeats map 0
    expect(calls.map((call) => call.request.addTarget?.targetId)).toEqual([2, 4]);
  });

  it("answers removeTarget itself: ends that call and sends REMOVE", () => {
    const { upstream, calls } = fakeUpstream();
    const session = new WebChannelSession("Listen", upstream, LIMITS);
    session.receive([add(2, 0), add(4, 1), remove(2, 2)]);
    expect(calls.map((call) => call.closed)).toEqual([true, false]);
    const sink = fakeSink();
    session.attach(sink, { aid: 0, streaming: false, holdMs: 500 });
    expect(arraysOf(sink)).toEqual([
      [1, [{ targetChange: { targetChangeType: "REMOVE", targetIds: [2] } }]],
    ]);
  });

  it("long polling: one batch per request, held until data or timeout", () => {
    const { upstream, calls } = fakeUpstream();
    const session = new WebChannelSession("Listen", upstream, LIMITS);
    session.receive([add(2, 0)]);
    calls[0]?.handlers.onResponse(change(1));
    calls[0]?.handlers.onResponse(change(2));

    const first = fakeSink();
    session.attach(first, { aid: 0, streaming: false, holdMs: 500 });
    expect(first.ended).toBe(true);
    expect(arraysOf(first).map(([id]) => id)).toEqual([1, 2]);

    const held = fakeSink();
    session.attach(held, { aid: 2, streaming: false, holdMs: 500 });
    expect(held.ended).toBe(false);
    calls[0]?.handlers.onResponse(change(3));
    vi.advanceTimersByTime(5); // the batch window
    expect(held.ended).toBe(true);
    expect(arraysOf(held)).toEqual([[3, [change(3)]]]);

    const idle = fakeSink();
    session.attach(idle, { aid: 3, streaming: false, holdMs: 500 });
    vi.advanceTimersByTime(500);
    expect(idle.ended).toBe(true);
    expect(arraysOf(idle)).toEqual([[4, ["noop"]]]);
  });

  it("streaming: a noop at once, data as it comes, keepalive noops", () => {
    const { upstream, calls } = fakeUpstream();
    const session = new WebChannelSession("Listen", upstream, LIMITS);
    session.receive([add(2, 0)]);
    const sink = fakeSink();
    session.attach(sink, { aid: 0, streaming: true, holdMs: 0 });
    expect(arraysOf(sink)).toEqual([[1, ["noop"]]]);
    calls[0]?.handlers.onResponse(change(1));
    vi.advanceTimersByTime(5);
    vi.advanceTimersByTime(1_000);
    expect(arraysOf(sink)).toEqual([
      [1, ["noop"]],
      [2, [change(1)]],
      [3, ["noop"]],
    ]);
    expect(sink.ended).toBe(false);
  });

  it("sends an emulator batch as one chunk, at once when its closing NO_CHANGE arrives", () => {
    const { upstream, calls } = fakeUpstream();
    const session = new WebChannelSession("Listen", upstream, LIMITS);
    session.receive([add(2, 0)]);
    const sink = fakeSink();
    session.attach(sink, { aid: 0, streaming: true, holdMs: 0 });
    const before = sink.text;
    const batch: ListenResponseJson[] = [
      { targetChange: { targetChangeType: "ADD", targetIds: [2] } },
      { documentChange: { document: { name: "d/a", updateTime: "t1" }, targetIds: [2] } },
      { targetChange: { targetChangeType: "CURRENT", targetIds: [2] } },
      { targetChange: { readTime: "2026-01-01T00:00:00Z" } }, // global: ends the batch
    ];
    for (const response of batch.slice(0, 3)) calls[0]?.handlers.onResponse(response);
    vi.advanceTimersByTime(4);
    expect(sink.text).toBe(before); // still waiting for the rest of the batch
    calls[0]?.handlers.onResponse(batch[3] ?? {});
    vi.advanceTimersByTime(0);
    const chunks = parseChunks(sink.text.slice(before.length));
    expect(chunks).toHaveLength(1);
    expect(
      JSON.parse(chunks[0] ?? "").map(([, [payload]]: [number, unknown[]]) => payload),
    ).toEqual(batch);
  });

  it("passes on what a resend changed, not the whole resend", () => {
    const { upstream, calls } = fakeUpstream();
    const session = new WebChannelSession("Listen", upstream, LIMITS);
    session.receive([add(2, 0)]);
    const sink = fakeSink();
    session.attach(sink, { aid: 0, streaming: true, holdMs: 0 });
    const doc = (id: string) => ({
      documentChange: { document: { name: `d/${id}`, updateTime: id }, targetIds: [2] },
    });
    const current = { targetChange: { targetChangeType: "CURRENT", targetIds: [2] } };
    const reset = { targetChange: { targetChangeType: "RESET", targetIds: [2] } };
    for (const response of [doc("a"), current, reset, doc("b"), doc("a"), current]) {
      calls[0]?.handlers.onResponse(response);
    }
    vi.advanceTimersByTime(10);
    const payloads = arraysOf(sink).flatMap(([, [payload]]) =>
      payload === "noop" ? [] : [payload],
    );
    expect(payloads).toEqual([doc("a"), current, doc("b"), current]);
  });

  it("never sends a read time earlier than one the client already has", () => {
    const { upstream, calls } = fakeUpstream();
    const session = new WebChannelSession("Listen", upstream, LIMITS);
    session.receive([add(2, 0), add(4, 1)]);
    const sink = fakeSink();
    session.attach(sink, { aid: 0, streaming: true, holdMs: 0 });
    const later = { targetChange: { readTime: "2026-11-25T18:00:26.960Z" } };
    const earlier = { targetChange: { readTime: "2026-11-25T18:00:26.959Z" } };
    calls[0]?.handlers.onResponse(later);
    calls[1]?.handlers.onResponse(earlier);
    vi.advanceTimersByTime(0);
    const readTimes = arraysOf(sink)
      .map(
        ([, [payload]]) =>
          (payload as { targetChange?: { readTime?: string } }).targetChange?.readTime,
      )
      .filter(Boolean);
    expect(readTimes).toEqual([later.targetChange.readTime, later.targetChange.readTime]);
  });

  it("never lets a keepalive noop overtake queued data", () => {
    const { upstream, calls } = fakeUpstream();
    const session = new WebChannelSession("Listen", upstream, LIMITS);
    session.receive([add(2, 0)]);
    // Data that arrives in the same timer tick as the keepalive, just before it.
    setTimeout(() => calls[0]?.handlers.onResponse(change(1)), 1_000);
    const sink = fakeSink();
    session.attach(sink, { aid: 0, streaming: true, holdMs: 0 });
    vi.advanceTimersByTime(1_000);
    expect(arraysOf(sink)).toEqual([
      [1, ["noop"]],
      [2, [change(1)]],
      [3, ["noop"]],
    ]);
  });

  it("re-sends unacknowledged arrays on a new back channel, not acknowledged ones", () => {
    const { upstream, calls } = fakeUpstream();
    const session = new WebChannelSession("Listen", upstream, LIMITS);
    session.receive([add(2, 0)]);
    for (const n of [1, 2, 3]) calls[0]?.handlers.onResponse(change(n));
    const lost = fakeSink();
    session.attach(lost, { aid: 0, streaming: true, holdMs: 0 });
    session.release(lost); // connection dropped; the client saw arrays up to 2
    const next = fakeSink();
    session.attach(next, { aid: 2, streaming: true, holdMs: 0 });
    expect(arraysOf(next)).toEqual([[3, [change(3)]]]);
  });

  it("ends a streaming back channel once too much is unacknowledged, so the client acknowledges", () => {
    const { upstream, calls } = fakeUpstream();
    const session = new WebChannelSession("Listen", upstream, {
      ...LIMITS,
      recycleStreamAtChars: 200,
    });
    session.receive([add(2, 0)]);
    const sink = fakeSink();
    session.attach(sink, { aid: 0, streaming: true, holdMs: 0 });
    calls[0]?.handlers.onResponse({ big: "x".repeat(300) });
    vi.advanceTimersByTime(5);
    expect(sink.ended).toBe(true);
    expect(arraysOf(sink).at(-1)?.[0]).toBe(2);
  });

  it("caps retained data; a client that needs dropped arrays must start over", () => {
    const { upstream, calls } = fakeUpstream();
    const session = new WebChannelSession("Listen", upstream, { ...LIMITS, maxRetainedChars: 500 });
    session.receive([add(2, 0)]);
    for (let n = 0; n < 10; n++) calls[0]?.handlers.onResponse({ data: "y".repeat(100) });
    expect(session.canResumeFrom(0)).toBe(false);
    expect(session.canResumeFrom(10)).toBe(true);
    const reply = JSON.parse(parseChunks(session.forwardReply(0))[0] ?? "");
    expect(reply[0]).toBe(1);
    expect(reply[1]).toBe(10);
    expect(reply[2]).toBeLessThanOrEqual(500);
  });

  it("passes upstream errors on as RPC errors", () => {
    const { upstream, calls } = fakeUpstream();
    const session = new WebChannelSession("Listen", upstream, LIMITS);
    session.receive([add(2, 0)]);
    const error = { error: { code: 14, message: "gone", status: "UNAVAILABLE" } };
    calls[0]?.handlers.onError(error);
    const sink = fakeSink();
    session.attach(sink, { aid: 0, streaming: false, holdMs: 500 });
    expect(arraysOf(sink)).toEqual([[1, [error]]]);
    expect(session.targetCount).toBe(0);
  });

  it("closes its calls and its back channel", () => {
    const { upstream, calls } = fakeUpstream();
    const session = new WebChannelSession("Listen", upstream, LIMITS);
    session.receive([add(2, 0), add(4, 1)]);
    const sink = fakeSink();
    session.attach(sink, { aid: 0, streaming: true, holdMs: 0 });
    session.close();
    expect(calls.every((call) => call.closed)).toBe(true);
    expect(sink.ended).toBe(true);
    expect(session.isIdle(Date.now() + 1, 0)).toBe(true);
  });

  it("completes a Write handshake, then rejects each write as unimplemented", () => {
    const session = new WebChannelSession("Write", fakeUpstream().upstream, LIMITS);
    session.receive([{ id: 0, json: '{"database":"projects/p/databases/(default)"}' }]);
    session.receive([{ id: 1, json: '{"streamToken":"AA==","writes":[{"update":{}}]}' }]);
    const sink = fakeSink();
    session.attach(sink, { aid: 0, streaming: false, holdMs: 500 });
    const [handshake, rejection] = arraysOf(sink);
    expect(handshake).toEqual([1, [{ streamToken: "AA==" }]]);
    expect(rejection?.[1]).toEqual([
      { error: expect.objectContaining({ code: 12, status: "UNIMPLEMENTED" }) },
    ]);
  });
});
