import { describe, expect, it } from "vitest";
import { nextSlot, SLOT_OFFSET_MS } from "../../src/logic/render-slots.js";

describe("nextSlot", () => {
  it("on the one-second grid, is the next whole second plus the offset, or this instant when it is one", () => {
    expect(SLOT_OFFSET_MS).toBe(5);
    expect(nextSlot(10_000)).toBe(10_005);
    expect(nextSlot(10_005)).toBe(10_005);
    expect(nextSlot(10_006)).toBe(11_005);
    expect(nextSlot(10_004)).toBe(10_005);
    expect(nextSlot(9_999)).toBe(10_005);
  });

  it("spreads finer grids evenly over the second, the whole second always among them", () => {
    expect(nextSlot(10_006, 3)).toBe(10_338);
    expect(nextSlot(10_338, 3)).toBe(10_338);
    expect(nextSlot(10_339, 3)).toBe(10_672);
    expect(nextSlot(10_673, 3)).toBe(11_005);
    expect(nextSlot(10_006, 2)).toBe(10_505);
    expect(nextSlot(10_506, 2)).toBe(11_005);
  });

  it("puts deadlines a moment apart on the same slot, so they wake together", () => {
    expect(nextSlot(20_400)).toBe(nextSlot(20_900));
    expect(nextSlot(20_400, 3)).toBe(nextSlot(20_500, 3));
  });

  it("refuses a grid that is not a whole number of slots a second", () => {
    expect(() => nextSlot(0, 0)).toThrow(RangeError);
    expect(() => nextSlot(0, 2.5)).toThrow(/positive integer/);
  });
});
