import { describe, expect, it } from "vitest";
import { ListenDeltas } from "./listen-deltas.js";
import type { ListenResponseJson } from "./proto-json.js";

const T = 2;
const doc = (id: string, updateTime: string, targetIds = [T]) => ({
  documentChange: {
    document: { name: `projects/p/databases/(default)/documents/codes/${id}`, updateTime },
    targetIds,
  },
});
const target = (targetChangeType: string, targetIds = [T]) => ({
  targetChange: { targetChangeType, targetIds },
});
const batchEnd = { targetChange: { readTime: "2026-12-07T00:00:01Z" } };
const removal = (id: string) => ({
  documentRemove: {
    document: `projects/p/databases/(default)/documents/codes/${id}`,
    removedTargetIds: [T],
  },
});

/** What the client receives for a sequence of emulator responses. */
function run(deltas: ListenDeltas, responses: ListenResponseJson[]): ListenResponseJson[] {
  return responses.flatMap((response) => deltas.apply(response));
}

/** A target that has synced documents a and b. */
function synced(): ListenDeltas {
  const deltas = new ListenDeltas(T);
  run(deltas, [target("ADD"), doc("a", "t1"), doc("b", "t1"), target("CURRENT"), batchEnd]);
  return deltas;
}

describe("ListenDeltas", () => {
  it("passes the first sync through whole", () => {
    const first = [target("ADD"), doc("a", "t1"), doc("b", "t1"), target("CURRENT"), batchEnd];
    expect(run(new ListenDeltas(T), first)).toEqual(first);
  });

  it("turns a RESET and full resend into the one new document", () => {
    const resend = [target("RESET"), doc("c", "t2"), doc("b", "t1"), doc("a", "t1")];
    expect(run(synced(), [...resend, target("CURRENT"), batchEnd])).toEqual([
      doc("c", "t2"),
      target("CURRENT"),
      batchEnd,
    ]);
  });

  it("sends an updated document again, and a removal for one that left the target", () => {
    const resend = [target("RESET"), doc("b", "t3")]; // a is gone, b changed
    expect(run(synced(), [...resend, target("CURRENT"), batchEnd])).toEqual([
      doc("b", "t3"),
      removal("a"),
      target("CURRENT"),
      batchEnd,
    ]);
  });

  it("sends only CURRENT when a resend changed nothing", () => {
    const deltas = synced();
    const resend = [target("RESET"), doc("a", "t1"), doc("b", "t1"), target("CURRENT"), batchEnd];
    expect(run(deltas, resend)).toEqual([target("CURRENT"), batchEnd]);
    // and the next resend is compared with the same two documents
    expect(run(deltas, [target("RESET"), doc("a", "t1"), target("CURRENT")])).toEqual([
      removal("b"),
      target("CURRENT"),
    ]);
  });

  it("ends a resend at the batch's end when the emulator sends no CURRENT", () => {
    expect(run(synced(), [target("RESET"), doc("a", "t1"), doc("d", "t4"), batchEnd])).toEqual([
      doc("d", "t4"),
      removal("b"),
      batchEnd,
    ]);
  });

  it("keeps a resend open across another target's changes", () => {
    const deltas = synced();
    const other = target("NO_CHANGE", [4]);
    expect(run(deltas, [target("RESET"), other, doc("a", "t1"), doc("b", "t1")])).toEqual([other]);
    expect(run(deltas, [target("CURRENT")])).toEqual([target("CURRENT")]);
  });

  it("forgets documents that are deleted or leave the target, so they are not removed twice", () => {
    const deltas = synced();
    const deleted = { documentDelete: { document: removal("a").documentRemove.document } };
    const leaves = doc("b", "t5", []);
    expect(run(deltas, [deleted, leaves])).toEqual([deleted, leaves]);
    expect(run(deltas, [target("RESET"), target("CURRENT")])).toEqual([target("CURRENT")]);
  });

  it("starts over after the target is removed", () => {
    const deltas = synced();
    run(deltas, [target("REMOVE")]);
    expect(run(deltas, [target("RESET"), doc("a", "t1"), target("CURRENT")])).toEqual([
      doc("a", "t1"),
      target("CURRENT"),
    ]);
  });
});
