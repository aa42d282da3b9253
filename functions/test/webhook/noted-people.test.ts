import { describe, expect, it } from "vitest";
import { LabelDirectory } from "../../src/webhook/label-directory.js";
import { NotedPeople } from "../../src/webhook/noted-people.js";

describe("NotedPeople", () => {
  it("remembers ids, and starts over rather than grow past its limit", () => {
    const noted = new NotedPeople(2);
    noted.remember("a");
    noted.remember("b");
    expect(noted.has("a") && noted.has("b")).toBe(true);
    noted.remember("c");
    expect([noted.has("a"), noted.has("b"), noted.has("c")]).toEqual([false, false, true]);
  });
});

describe("LabelDirectory.listsPerson", () => {
  it("knows demo users and older `seen` people on any number, and follows changes", () => {
    const directory = new LabelDirectory();
    directory.apply([
      {
        type: "added",
        phoneNumber: "+61400000001",
        data: { users: [{ label: "Amy", email: "amy@atko.email", order: 0 }] },
      },
      {
        type: "added",
        phoneNumber: "+61400000002",
        data: {
          seen: { u_1: { label: "sam@guest.example", email: "sam@guest.example", firstSeenAt: 1 } },
        },
      },
    ]);
    expect(directory.listsPerson({ label: "AMY@atko.email", email: "AMY@atko.email" })).toBe(true);
    expect(directory.listsPerson({ label: "sam@guest.example", email: "sam@guest.example" })).toBe(
      true,
    );
    expect(
      directory.listsPerson({ label: "erin@guest.example", email: "erin@guest.example" }),
    ).toBe(false);
    directory.apply([{ type: "removed", phoneNumber: "+61400000001", data: undefined }]);
    expect(directory.listsPerson({ label: "amy@atko.email", email: "amy@atko.email" })).toBe(false);
  });
});
