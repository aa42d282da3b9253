import { EMAIL_MESSAGE_TYPES } from "functions/contract/email";
import { MESSAGE_TYPES } from "functions/contract/notification";
import { describe, expect, it } from "vitest";
import { codeBadges, flowBadges, PROBE_BADGE } from "../../src/logic/badges.js";
import type { InboxCode } from "../../src/logic/types.js";
import { makeCode, makeEmail, makeEmailCode } from "../support/codes.js";

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

describe("email badges", () => {
  const kind = (code: InboxCode) => codeBadges(code).map((badge) => badge.text);

  it("names each documented email type, and says Email beside SMS and Voice", () => {
    expect(kind(makeEmail({ messageType: "verify_email" }))).toEqual(["Verify email", "Email"]);
    expect(kind(makeEmail({ messageType: "reset_email" }))).toEqual(["Reset password", "Email"]);
    expect(kind(makeEmailCode("123456"))).toEqual(["Email MFA", "Email"]);
    expect(kind(makeEmail({ messageType: "organization_invitation" }))[0]).toBe("Invitation");
    expect(kind(makeEmail({ messageType: "enrollment_email" }))[0]).toBe("Enrolment");
    // On a phone blocked_account is a notice; by email it carries the unblock link.
    expect(kind(makeEmail({ messageType: "blocked_account" }))[0]).toBe("Unblock");
    for (const type of EMAIL_MESSAGE_TYPES) {
      expect(kind(makeEmail({ messageType: type }))[0]).not.toBe(type);
    }
  });

  it("tells passwordless' undocumented type by what the email carries", () => {
    expect(kind(makeEmail({ messageType: "passwordless_email" }))[0]).toBe("Magic link");
    expect(kind(makeEmailCode("482913", { messageType: "passwordless_email" }))[0]).toBe(
      "Passwordless code",
    );
  });

  it("shows an unknown email type neutrally, by its name", () => {
    const [flow, channel] = codeBadges(makeEmail({ messageType: "brand_new_type" }));
    expect(flow).toMatchObject({ text: "brand_new_type", tone: "info" });
    expect(channel?.text).toBe("Email");
  });

  it("leaves phone codes' badges as they were", () => {
    expect(kind(makeCode({ messageType: "blocked_account", code: "" }))).toEqual([
      "Blocked account",
      "SMS",
    ]);
  });
});
