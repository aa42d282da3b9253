import { MESSAGE_TYPES } from "functions/contract/notification";
import { describe, expect, it } from "vitest";
import { codeBadges, flowBadges, PROBE_BADGE } from "../../src/logic/badges.js";

describe("flow badges", () => {
  it("names each flow and the delivery method", () => {
    expect(flowBadges("otp_verify", "text").map((b) => b.text)).toEqual(["Login", "SMS"]);
    expect(flowBadges("otp_enroll", "voice").map((b) => b.text)).toEqual(["Enrolment", "Voice"]);
    expect(flowBadges("blocked_account", "text")[0]?.tone).toBe("warn");
    expect(flowBadges("password_breach", "text")[0]?.text).toBe("Password breach");
    expect(flowBadges("change_password", "text")[0]?.text).toBe("Password change");
  });

  it("has a badge for every message type in the contract", () => {
    for (const type of MESSAGE_TYPES) {
      expect(flowBadges(type, "text")[0]?.text).not.toBe(type);
    }
  });

  it("shows unknown values as they are instead of hiding the code", () => {
    expect(flowBadges("otp_future", "carrier_pigeon").map((b) => b.text)).toEqual([
      "otp_future",
      "carrier_pigeon",
    ]);
    expect(flowBadges("toString", "constructor").map((b) => b.text)).toEqual([
      "toString",
      "constructor",
    ]);
  });

  it("shows the doctor's test notice as a check, not as a login", () => {
    const notice = { messageType: "otp_verify", deliveryMethod: "text", probe: true } as const;
    expect(codeBadges(notice)).toEqual([PROBE_BADGE, flowBadges("otp_verify", "text")[1]]);
    expect(codeBadges({ ...notice, probe: undefined })[0]?.text).toBe("Login");
  });
});
