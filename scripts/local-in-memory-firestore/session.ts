// One WebChannel session: the browser's Listen stream. Requests arrive on the
// forward channel (POSTs), responses leave on one back channel at a time
// (a streaming GET, or a series of long polls). Every server → client array gets
// an id; arrays stay retained until the client acknowledges them (AID), so a
// reopened back channel can re-send what the last one may have lost.
import { randomBytes } from "node:crypto";
import { encodeArrays, frameChunk, type IncomingMap, type OutgoingArray } from "./framing.js";
import { ListenDeltas } from "./listen-deltas.js";
import type { ListenUpstream, TargetCall } from "./listen-upstream.js";
import { type ListenResponseJson, parseListenRequest } from "./proto-json.js";
import { compareReadTimes } from "./read-time.js";

export interface SessionLimits {
  /** Noop period on an open back channel; announced in the handshake. */
  keepaliveMs: number;
  /**
   * A streaming back channel is ended once this many unacknowledged characters
   * have gone out: streaming clients acknowledge only when they reconnect.
   */
  recycleStreamAtChars: number;
  /** Hard cap on retained characters; dropping unacknowledged arrays makes the session unresumable. */
  maxRetainedChars: number;
}

/** Where back-channel text goes: an HTTP response in the gateway, a fake in tests. */
export interface BackChannelSink {
  write(text: string): void;
  end(text?: string): void;
}

export type ChannelRpc = "Listen" | "Write";

interface BackChannel {
  sink: BackChannelSink;
  streaming: boolean;
  /** Highest array id written to this back channel. */
  sentThrough: number;
  timer?: NodeJS.Timeout;
}

const NOOP = JSON.stringify(["noop"]);
const BATCH_WINDOW_MS = 5;

/** The emulator ends every batch of Listen responses with a global NO_CHANGE (no target ids). */
function endsEmulatorBatch(response: ListenResponseJson): boolean {
  const change = response.targetChange as { targetIds?: unknown[] } | undefined;
  return change !== undefined && !change.targetIds?.length;
}

export class WebChannelSession {
  readonly id = randomBytes(12).toString("base64url");
  readonly httpSessionId = randomBytes(12).toString("base64url");
  lastActivity = Date.now();
  closed = false;
  private nextArrayId = 1; // 0 is the handshake's "c" array
  private retained: OutgoingArray[] = [];
  private retainedChars = 0;
  /** Arrays up to this id were dropped before the client acknowledged them. */
  private lostThrough = 0;
  private nextMapId = 0;
  private readonly targets = new Map<number, TargetCall>();
  private back: BackChannel | undefined;
  private flushSoon: NodeJS.Immediate | undefined;
  private flushLater: NodeJS.Timeout | undefined;
  /** The latest read time sent to the client, across all of its targets. */
  private lastReadTime: string | undefined;

  constructor(
    readonly rpc: ChannelRpc,
    private readonly upstream: ListenUpstream,
    private readonly limits: SessionLimits,
  ) {}

  get targetCount(): number {
    return this.targets.size;
  }

  /** `[[0,["c",SID,hostPrefix,VER,SVER,keepaliveMs]]]`, the handshake reply. */
  handshakeReply(): string {
    const open = ["c", this.id, "", 8, 14, this.limits.keepaliveMs];
    return frameChunk(JSON.stringify([[0, open]]));
  }

  /** `[backChannelPresent, lastArrayId, outstandingChars]`, the reply to a forward POST. */
  forwardReply(clientAid: number): string {
    let outstanding = 0;
    for (const array of this.retained)
      if (array.id > clientAid) outstanding += array.payload.length;
    // Always claim a back channel: a 0 makes the client tear down the back channel
    // it is still opening, and it has its own dead-back-channel timer anyway.
    return frameChunk(JSON.stringify([1, this.nextArrayId - 1, outstanding]));
  }

  /** Handles forward-channel messages; a retried POST repeats map ids, which are skipped. */
  receive(maps: readonly IncomingMap[]): void {
    this.lastActivity = Date.now();
    for (const map of maps) {
      if (map.id < this.nextMapId) continue;
      this.nextMapId = map.id + 1;
      if (this.rpc === "Write") {
        this.answerWrite(map.json);
        continue;
      }
      const request = parseListenRequest(map.json);
      if (request.removeTarget !== undefined) this.removeTarget(request.removeTarget);
      else if (request.addTarget) this.addTarget(request.addTarget.targetId, request);
    }
  }

  /** Drops arrays the client has seen (its AID). */
  acknowledge(aid: number): void {
    while (this.retained[0] && this.retained[0].id <= aid) {
      this.retainedChars -= this.retained[0].payload.length;
      this.retained.shift();
    }
  }

  /** False when arrays after `aid` were dropped: the client must start over ("Unknown SID"). */
  canResumeFrom(aid: number): boolean {
    return aid >= this.lostThrough;
  }

  /** Makes `sink` the back channel, replacing (ending) any previous one. */
  attach(
    sink: BackChannelSink,
    options: { aid: number; streaming: boolean; holdMs: number },
  ): void {
    this.acknowledge(options.aid);
    if (this.back) this.endBackChannel(this.back);
    const back: BackChannel = { sink, streaming: options.streaming, sentThrough: options.aid };
    this.back = back;
    if (back.streaming) {
      // A first byte right away proves there is no buffering proxy; without it the
      // client switches to long polling for good after twice the handshake RTT.
      if (!this.flush()) this.sendNoop();
      back.timer = setInterval(() => this.sendNoop(), this.limits.keepaliveMs);
    } else if (!this.flush()) {
      back.timer = setTimeout(() => this.sendNoop(), options.holdMs);
    }
  }

  /** The back channel's HTTP request went away (client abort or socket close). */
  release(sink: BackChannelSink): void {
    if (this.back?.sink === sink) this.detach(this.back);
  }

  isIdle(now: number, idleMs: number): boolean {
    return this.back === undefined && now - this.lastActivity > idleMs;
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    for (const call of this.targets.values()) call.close();
    this.targets.clear();
    this.cancelScheduledFlush();
    if (this.back) this.endBackChannel(this.back);
    this.retained = [];
    this.retainedChars = 0;
  }

  private addTarget(targetId: number, request: Parameters<ListenUpstream["open"]>[0]): void {
    this.targets.get(targetId)?.close();
    const deltas = new ListenDeltas(targetId);
    const call = this.upstream.open(request, {
      onResponse: (response) => {
        for (const out of deltas.apply(response)) {
          this.enqueue(JSON.stringify([this.withMonotonicReadTime(out)]), endsEmulatorBatch(out));
        }
      },
      onError: (error) => {
        if (this.targets.get(targetId) === call) this.targets.delete(targetId);
        this.enqueue(JSON.stringify([error]));
      },
    });
    this.targets.set(targetId, call);
  }

  /**
   * Each target is its own gRPC call here, but the client sees one stream and
   * ignores a snapshot whose read time is earlier than one it already has: a
   * target that started a moment before another could then never turn current.
   * Google's server never sends read times backwards on a stream; neither do we.
   */
  private withMonotonicReadTime(response: ListenResponseJson): ListenResponseJson {
    const change = response.targetChange as { readTime?: unknown } | undefined;
    if (typeof change?.readTime !== "string") return response;
    if (this.lastReadTime && compareReadTimes(change.readTime, this.lastReadTime) < 0) {
      return { ...response, targetChange: { ...change, readTime: this.lastReadTime } };
    }
    this.lastReadTime = change.readTime;
    return response;
  }

  // The emulator does not implement removeTarget; ending the target's own call is
  // the removal, and the client still needs its REMOVE acknowledgement.
  private removeTarget(targetId: number): void {
    this.targets.get(targetId)?.close();
    this.targets.delete(targetId);
    const removed = { targetChange: { targetChangeType: "REMOVE", targetIds: [targetId] } };
    this.enqueue(JSON.stringify([removed]));
  }

  // Browser writes are not served (the inbox page never writes), but they fail
  // clearly: the SDK retries handshake errors forever, so the handshake succeeds
  // and each write is then rejected with a permanent error the caller sees.
  private answerWrite(json: string): void {
    const request = JSON.parse(json) as { writes?: unknown[] };
    if (!request.writes?.length) {
      this.enqueue(JSON.stringify([{ streamToken: "AA==" }]));
      return;
    }
    const message =
      "Browser writes are not supported by the local in-memory Firestore gateway; write from Node (firebase-admin) instead.";
    this.enqueue(JSON.stringify([{ error: { code: 12, message, status: "UNIMPLEMENTED" } }]));
  }

  /**
   * Queues an array. A Listen batch is sent as one chunk: Chrome throttles a
   * streaming XHR's progress events to one per 50 ms, so a batch split over two
   * chunks can reach the page 50 ms late. Arrays that do not end a batch wait at
   * most BATCH_WINDOW_MS for the rest of it.
   */
  private enqueue(payload: string, endsBatch = true): void {
    if (this.closed) return;
    this.retained.push({ id: this.nextArrayId++, payload });
    this.retainedChars += payload.length;
    while (this.retainedChars > this.limits.maxRetainedChars && this.retained.length > 1) {
      const dropped = this.retained.shift();
      if (!dropped) break;
      this.retainedChars -= dropped.payload.length;
      this.lostThrough = dropped.id;
    }
    if (endsBatch) {
      clearTimeout(this.flushLater);
      this.flushLater = undefined;
      this.flushSoon ??= setImmediate(() => this.flush());
    } else {
      this.flushLater ??= setTimeout(() => this.flush(), BATCH_WINDOW_MS);
    }
  }

  private cancelScheduledFlush(): void {
    clearImmediate(this.flushSoon);
    clearTimeout(this.flushLater);
    this.flushSoon = undefined;
    this.flushLater = undefined;
  }

  /** Writes retained arrays the back channel has not carried yet; true if it wrote any. */
  private flush(): boolean {
    this.cancelScheduledFlush();
    const back = this.back;
    if (!back) return false;
    const pending = this.retained.filter((array) => array.id > back.sentThrough);
    const last = pending.at(-1);
    if (!last) return false;
    back.sentThrough = last.id;
    this.deliver(back, frameChunk(encodeArrays(pending)));
    return true;
  }

  private sendNoop(): void {
    const back = this.back;
    if (!back) return;
    // Queued data goes first: the client acknowledges by the last id it saw, so a
    // noop must never overtake an array that is still waiting.
    this.flush();
    if (this.back !== back) return;
    const id = this.nextArrayId++;
    back.sentThrough = id;
    this.deliver(back, frameChunk(encodeArrays([{ id, payload: NOOP }])));
  }

  private deliver(back: BackChannel, chunk: string): void {
    if (back.streaming && this.retainedChars <= this.limits.recycleStreamAtChars) {
      back.sink.write(chunk);
      return;
    }
    // A long poll carries one batch; a streaming channel with too much
    // unacknowledged data is ended so the client reconnects and acknowledges.
    this.detach(back);
    back.sink.end(chunk);
  }

  private endBackChannel(back: BackChannel): void {
    this.detach(back);
    back.sink.end();
  }

  private detach(back: BackChannel): void {
    clearTimeout(back.timer);
    if (this.back === back) this.back = undefined;
    this.lastActivity = Date.now();
  }
}
