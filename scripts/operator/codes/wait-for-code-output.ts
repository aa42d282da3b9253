// What wait-for-code prints on stdout for an answer: the code, the email's
// main link, or the whole answer as JSON; or, when the answer has nothing of
// the kind asked for, why, so `CODE=$(…)` never silently holds an empty string.
import type { LatestCodeAnswer } from "@sms-inbox/inbox-client";

export type Printed = { ok: true; text: string } | { ok: false; message: string };

const what = (answer: LatestCodeAnswer) =>
  answer.channel === "email"
    ? `The ${answer.messageType} email${answer.subject ? ` "${answer.subject}"` : ""}`
    : `The ${answer.messageType} ${answer.channel === "voice" ? "call" : "SMS"}`;

export function printedAnswer(
  answer: LatestCodeAnswer,
  plan: { json: boolean; link: boolean },
): Printed {
  if (plan.json) return { ok: true, text: JSON.stringify(answer) };
  if (plan.link) {
    if (answer.link) return { ok: true, text: answer.link.url };
    const links = answer.links?.length ?? 0;
    return {
      ok: false,
      message: `${what(answer)} has no main link to click (${links} other link${links === 1 ? "" : "s"}${answer.code ? `, code ${answer.code}` : ""}); --json prints it whole.`,
    };
  }
  if (answer.code) return { ok: true, text: answer.code };
  return {
    ok: false,
    message: `${what(answer)} carries no code${answer.link ? "; --link prints its link" : ""}; --json prints it whole.`,
  };
}
