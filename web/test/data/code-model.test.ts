import { describe, expect, it, vi } from "vitest";
import { type CodeDocChange, createCodeModel } from "../../src/data/code-model.js";
import { parseStoredCode } from "../../src/logic/parse-code.js";

const ts = (ms: number) => ({ toMillis: () => ms });
const RETENTION_MS = 600_000;

/** A stored document as the webhook writes it. */
const stored = (code: string, receivedAt: number) => ({
  recipient: "+61400000001",
  code,
  receivedAt: ts(receivedAt),
  expireAt: ts(receivedAt + RETENTION_MS),
});

function change(
  type: CodeDocChange["type"],
  id: string,
  oldIndex: number,
  newIndex: number,
  data: Record<string, unknown> = {},
) {
  const read = vi.fn(() => data);
  return { change: { type, id, oldIndex, newIndex, data: read }, read };
}

function model() {
  const skipped: string[] = [];
  const parse = vi.fn((id: string, data: Record<string, unknown>) =>
    parseStoredCode(id, data, RETENTION_MS),
  );
  return {
    model: createCodeModel(parse, (reason) => skipped.push(reason)),
    parse,
    skipped,
  };
}

describe("the codes listener's model", () => {
  it("lists the first snapshot's documents in the query's order", () => {
    const { model: m } = model();
    const items = m.apply([
      change("added", "b", -1, 0, stored("222222", 2000)).change,
      change("added", "a", -1, 1, stored("111111", 1000)).change,
    ]);
    expect(items.map((code) => [code.id, code.code])).toEqual([
      ["b", "222222"],
      ["a", "111111"],
    ]);
  });

  it("keeps an unchanged document's code object and parses only what changed", () => {
    const { model: m, parse } = model();
    const first = m.apply([
      change("added", "b", -1, 0, stored("222222", 2000)).change,
      change("added", "a", -1, 1, stored("111111", 1000)).change,
    ]);
    parse.mockClear();
    const next = m.apply([change("added", "c", -1, 0, stored("333333", 3000)).change]);
    expect(parse).toHaveBeenCalledTimes(1);
    expect(next.map((code) => code.id)).toEqual(["c", "b", "a"]);
    expect(next[1]).toBe(first[0]);
    expect(next[2]).toBe(first[1]);
  });

  it("answers a snapshot without document changes with the same array, reading nothing", () => {
    const { model: m, parse } = model();
    const first = m.apply([change("added", "a", -1, 0, stored("111111", 1000)).change]);
    parse.mockClear();
    expect(m.apply([])).toBe(first);
    expect(parse).not.toHaveBeenCalled();
  });

  it("replaces a modified document and moves it where the query now puts it", () => {
    const { model: m } = model();
    const first = m.apply([
      change("added", "b", -1, 0, stored("222222", 2000)).change,
      change("added", "a", -1, 1, stored("111111", 1000)).change,
    ]);
    const next = m.apply([change("modified", "a", 1, 0, stored("999999", 3000)).change]);
    expect(next.map((code) => [code.id, code.code])).toEqual([
      ["a", "999999"],
      ["b", "222222"],
    ]);
    expect(next[1]).toBe(first[0]);
  });

  it("drops removed documents without reading them", () => {
    const { model: m } = model();
    m.apply([
      change("added", "c", -1, 0, stored("333333", 3000)).change,
      change("added", "b", -1, 1, stored("222222", 2000)).change,
      change("added", "a", -1, 2, stored("111111", 1000)).change,
    ]);
    const removed = change("removed", "b", 1, -1);
    const next = m.apply([removed.change]);
    expect(next.map((code) => code.id)).toEqual(["c", "a"]);
    expect(removed.read).not.toHaveBeenCalled();
  });

  it("skips a document it cannot show, and keeps the others' places around it", () => {
    const { model: m, skipped } = model();
    m.apply([
      change("added", "c", -1, 0, stored("333333", 3000)).change,
      change("added", "bad", -1, 1, { code: "000000" }).change,
      change("added", "a", -1, 2, stored("111111", 1000)).change,
    ]);
    expect(skipped).toEqual(["otpCodes/bad has no recipient"]);
    // Firestore's indexes count the unreadable document: removing "a" at index 2 must work.
    const next = m.apply([change("removed", "a", 2, -1).change]);
    expect(next.map((code) => code.id)).toEqual(["c"]);
    // And a fixed document shows where it is.
    const fixed = m.apply([change("modified", "bad", 1, 1, stored("444444", 2500)).change]);
    expect(fixed.map((code) => code.id)).toEqual(["c", "bad"]);
  });
});
