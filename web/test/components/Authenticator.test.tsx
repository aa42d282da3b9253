// @vitest-environment happy-dom
// Authenticator codes on the cards, with the data layer stubbed: the endpoint
// answers what a real one would at the (fake) server time, so the test can
// move the clock through steps and see what a presenter would see.
import { act, fireEvent, render, screen, within } from "@testing-library/preact";
import type { AuthenticatorCodesAnswer } from "functions/contract/authenticator";
import { beforeEach, describe, expect, it, vi } from "vitest";
import { App } from "../../src/components/App.js";
import { REFETCH_AFTER_STEP_MS } from "../../src/logic/authenticator.js";
import { demoLabels, makeCode } from "../support/codes.js";
import { fakePageEnvironment } from "../support/page-environment.js";
import { ALICE, type StubInboxData, stubInboxData } from "../support/stub-data.js";

const PERIOD_MS = 30_000;
/** A step boundary (a whole number of 30-second steps since the epoch). */
const STEP0 = Date.UTC(2026, 0, 15, 12, 0, 0);
const LABELS = demoLabels([
  { phoneNumber: "+61400000001", label: "Alice", email: "alice@demo.test" },
  { phoneNumber: "+61400000002", label: "Bob", email: "bob@demo.test" },
]);
const ALICE_TOTP = { key: "user:alice@demo.test", label: "Alice", email: "alice@demo.test" };
/** Nobody's demo user, no phone, no email: an authenticator alone. */
const KIOSK = { key: "user:kiosk", label: "Kiosk" };

/** A recognisable code per person and step, as the server would compute it. */
const codeAt = (key: string, step: number) =>
  String(100_000 + ((step * 7919 + key.length * 104_729) % 900_000));

/** What the endpoint answers at this server instant, for these people. */
function answerAt(
  serverTime: number,
  people: readonly { key: string; label: string }[],
): AuthenticatorCodesAnswer {
  const step = Math.floor(serverTime / PERIOD_MS);
  const stepCode = (key: string, s: number) => ({
    code: codeAt(key, s),
    validFrom: s * PERIOD_MS,
    validUntil: (s + 1) * PERIOD_MS,
  });
  return {
    serverTime,
    periodSeconds: 30,
    people: people.map(({ key, label }) => ({
      key,
      label,
      codes: [stepCode(key, step), stepCode(key, step + 1)],
    })),
  };
}

let stub: StubInboxData;
/** How far the browser's clock runs ahead of the server's. */
let skewMs = 0;
const writeText = vi.fn(async (_text: string) => {});
const serverNow = () => Date.now() - skewMs;
const stepNow = () => Math.floor(serverNow() / PERIOD_MS);

const flush = () =>
  act(async () => {
    for (let i = 0; i < 10; i++) await Promise.resolve();
  });
/** Moves the clock a second at a most at a time, so each request's answer lands before the next timer. */
const advance = async (ms: number) => {
  for (let left = ms; left > 0; left -= 1000) {
    act(() => {
      vi.advanceTimersByTime(Math.min(1000, left));
    });
    await flush();
  }
};
/** Just past a deadline: the page's timers fire a millisecond after one. */
const PAST_MS = 5;
/** Moves the clock to just past this many ms into the current server step (or the next one). */
const advanceToInStep = async (msIntoStep: number) => {
  const into = serverNow() % PERIOD_MS;
  await advance(((msIntoStep - into + PERIOD_MS) % PERIOD_MS) + PAST_MS);
};

function card(name: string): HTMLElement {
  const found = screen.getByRole("heading", { name }).closest(".pinned-card");
  if (!(found instanceof HTMLElement)) throw new Error(`no card for ${name}`);
  return found;
}
const part = (name: string) => {
  const found = card(name).querySelector<HTMLElement>(".pinned-authenticator");
  if (!found) throw new Error(`${name}'s card shows no authenticator`);
  return found;
};
const currentCode = (name: string) =>
  part(name).querySelector(".authenticator-current .code-value")?.textContent;
const nextCode = (name: string) =>
  part(name).querySelector(".authenticator-next .code-value")?.textContent ?? null;
const secondsText = (name: string) => part(name).querySelector(".authenticator-left")?.textContent;

async function open(
  people: readonly { key: string; label: string; email?: string }[],
  codes = [makeCode({ receivedAt: STEP0 - 60_000, recipient: "+61400000002" })],
) {
  stub = stubInboxData();
  stub.authenticatorEndpoint.answer = () => answerAt(serverNow(), people);
  render(
    <App data={stub.data} retentionMinutes={10} accessContact="the lead" localStack={false} />,
  );
  stub.signIn(ALICE);
  stub.labels(LABELS);
  stub.codes(codes);
  stub.authenticators(people.map((p, i) => ({ ...p, createdAt: i })));
  await flush();
}

beforeEach(() => {
  skewMs = 0;
});
// 10 s into a step.
fakePageEnvironment(STEP0 + 10_000, writeText);

describe("authenticator codes on the cards", () => {
  it("asks the endpoint only when someone has an authenticator", async () => {
    await open([]);
    await advance(2 * PERIOD_MS);
    expect(stub.authenticatorReads()).toBe(0);
    expect(document.querySelector(".pinned-authenticator")).toBeNull();
    stub.authenticatorEndpoint.answer = () => answerAt(serverNow(), [ALICE_TOTP]);
    stub.authenticators([{ ...ALICE_TOTP, createdAt: 0 }]);
    await flush();
    expect(stub.authenticatorReads()).toBe(1);
    expect(currentCode("Alice")).toBe(codeAt(ALICE_TOTP.key, stepNow()));
  });

  it("shows the current code with its seconds, adds the next in the last 7 s, and rolls over without asking", async () => {
    await open([ALICE_TOTP]);
    const first = stepNow();
    expect(currentCode("Alice")).toBe(codeAt(ALICE_TOTP.key, first));
    expect(secondsText("Alice")).toBe("20 s");
    expect(nextCode("Alice")).toBeNull();
    // The page's shared tick comes just after each whole second.
    await advance(1010);
    expect(secondsText("Alice")).toBe("19 s");

    await advanceToInStep(PERIOD_MS - 7000);
    expect(nextCode("Alice")).toBe(codeAt(ALICE_TOTP.key, first + 1));
    expect(currentCode("Alice")).toBe(codeAt(ALICE_TOTP.key, first));
    expect(part("Alice").querySelector(".authenticator-countdown.ending")).not.toBeNull();

    const reads = stub.authenticatorReads();
    await advance(7001);
    // The step ended: the next code is current, with nothing new asked for yet.
    expect(currentCode("Alice")).toBe(codeAt(ALICE_TOTP.key, first + 1));
    expect(nextCode("Alice")).toBeNull();
    expect(stub.authenticatorReads()).toBe(reads);
    await advance(REFETCH_AFTER_STEP_MS);
    expect(stub.authenticatorReads()).toBe(reads + 1);
    expect(currentCode("Alice")).toBe(codeAt(ALICE_TOTP.key, first + 1));
  });

  it("asks once per step, not more", async () => {
    await open([ALICE_TOTP]);
    await advance(5 * PERIOD_MS);
    expect(stub.authenticatorReads()).toBe(6);
    expect(currentCode("Alice")).toBe(codeAt(ALICE_TOTP.key, stepNow()));
  });

  it("starts the countdown bar where the step is, as an animation the length of a step", async () => {
    await open([ALICE_TOTP]);
    const fill = part("Alice").querySelector<HTMLElement>(".authenticator-bar-fill");
    expect(fill?.style.animationDuration).toBe("30000ms");
    expect(fill?.style.animationDelay).toBe("-10000ms");
    // The bar is keyed by its step: the next step starts a fresh one from 0.
    await advanceToInStep(0);
    const next = part("Alice").querySelector<HTMLElement>(".authenticator-bar-fill");
    expect(next).not.toBe(fill);
    expect(next?.style.animationDelay).toBe(`-${PAST_MS}ms`);
  });

  it("follows the server's clock when the browser's runs ahead", async () => {
    skewMs = 20_000;
    await open([ALICE_TOTP]);
    // The browser's clock says 10 s into a step; the server's, 20 s into the one before.
    const browserStep = Math.floor(Date.now() / PERIOD_MS);
    expect(stepNow()).toBe(browserStep - 1);
    expect(currentCode("Alice")).toBe(codeAt(ALICE_TOTP.key, stepNow()));
    expect(secondsText("Alice")).toBe("10 s");
    // The next code shows 7 s before the server's step ends, not the browser's.
    await advance(2900);
    expect(nextCode("Alice")).toBeNull();
    await advance(200);
    expect(nextCode("Alice")).toBe(codeAt(ALICE_TOTP.key, browserStep));
  });

  it("gives a card to a person with nothing but an authenticator", async () => {
    await open([ALICE_TOTP, KIOSK]);
    const kiosk = card("Kiosk");
    expect(kiosk.querySelector(".number")).toBeNull();
    expect(kiosk.classList.contains("no-code")).toBe(false);
    expect(currentCode("Kiosk")).toBe(codeAt(KIOSK.key, stepNow()));
    expect(within(kiosk).queryByText(/No code in the last/)).toBeNull();
  });

  it("masks the codes until clicked, and still copies them", async () => {
    await open([ALICE_TOTP]);
    fireEvent.keyDown(document.body, { key: "m" });
    await flush();
    const code = codeAt(ALICE_TOTP.key, stepNow());
    expect(part("Alice").textContent).not.toContain(code);
    fireEvent.click(
      within(part("Alice")).getByRole("button", { name: /Copy Alice's authenticator/ }),
    );
    await flush();
    expect(writeText).toHaveBeenLastCalledWith(code);
    expect(screen.getByRole("status", { name: "" }).textContent ?? "").not.toContain(code);
    fireEvent.click(
      within(part("Alice")).getByRole("button", { name: "Masked code: click to reveal" }),
    );
    expect(currentCode("Alice")).toBe(code);
    // The next code, revealed in its turn, stays revealed once it is current.
    await advanceToInStep(PERIOD_MS - 5000);
    const next = codeAt(ALICE_TOTP.key, stepNow() + 1);
    expect(nextCode("Alice")).not.toBe(next);
    fireEvent.click(
      within(part("Alice").querySelector(".authenticator-next") as HTMLElement).getByRole(
        "button",
        { name: "Masked code: click to reveal" },
      ),
    );
    expect(nextCode("Alice")).toBe(next);
    await advance(5001);
    expect(currentCode("Alice")).toBe(next);
  });

  it("keys: 1–9 copy a delivered code first, the authenticator's when none came; Shift+digit the authenticator's", async () => {
    const bobSms = makeCode({ receivedAt: STEP0, recipient: "+61400000002", code: "424242" });
    const bob = { key: "user:bob@demo.test", label: "Bob", email: "bob@demo.test" };
    await open([ALICE_TOTP, bob], [bobSms]);
    fireEvent.keyDown(document.body, { key: "1", code: "Digit1" });
    await flush();
    expect(writeText).toHaveBeenLastCalledWith(codeAt(ALICE_TOTP.key, stepNow()));
    fireEvent.keyDown(document.body, { key: "2", code: "Digit2" });
    await flush();
    expect(writeText).toHaveBeenLastCalledWith("424242");
    fireEvent.keyDown(document.body, { key: "@", code: "Digit2", shiftKey: true });
    await flush();
    expect(writeText).toHaveBeenLastCalledWith(codeAt(bob.key, stepNow()));
    expect(screen.getByText(/Shift\+1–9 their authenticator code/)).toBeTruthy();
  });

  it("shows a quiet line when the endpoint refuses, keeps the page, and recovers by itself", async () => {
    stub = stubInboxData();
    await open([ALICE_TOTP]);
    stub.authenticatorEndpoint.answer = () => 401;
    // The next step's request fails.
    await advanceToInStep(REFETCH_AFTER_STEP_MS + 1);
    expect(part("Alice").textContent).toContain(
      "Authenticator codes unavailable: the server did not accept this sign-in (401)",
    );
    // The codes in hand still cover this step.
    expect(currentCode("Alice")).toBe(codeAt(ALICE_TOTP.key, stepNow()));
    expect(screen.getAllByRole("listitem").length).toBeGreaterThan(0);
    const reads = stub.authenticatorReads();
    await advance(1000);
    expect(stub.authenticatorReads()).toBe(reads + 1);
    stub.authenticatorEndpoint.answer = () => answerAt(serverNow(), [ALICE_TOTP]);
    await advance(2000);
    expect(part("Alice").querySelector(".authenticator-error")).toBeNull();
    expect(currentCode("Alice")).toBe(codeAt(ALICE_TOTP.key, stepNow()));
  });

  it("asks nothing while the tab is hidden, shows nothing stale, and asks at once when shown", async () => {
    await open([ALICE_TOTP]);
    stub.visible(false);
    const reads = stub.authenticatorReads();
    await advance(3 * PERIOD_MS);
    expect(stub.authenticatorReads()).toBe(reads);
    // The answer in hand holds two steps, both over now: no code rather than a dead one.
    expect(part("Alice").querySelector(".authenticator-current")).toBeNull();
    stub.visible(true);
    await flush();
    expect(stub.authenticatorReads()).toBe(reads + 1);
    expect(currentCode("Alice")).toBe(codeAt(ALICE_TOTP.key, stepNow()));
  });

  it("asks at once, once, for someone added since, and says so when the server has no codes for them", async () => {
    await open([ALICE_TOTP]);
    const reads = stub.authenticatorReads();
    // Kiosk is added, but the server leaves it out (its secret unreadable).
    stub.authenticators([
      { ...ALICE_TOTP, createdAt: 0 },
      { ...KIOSK, createdAt: 1 },
    ]);
    await flush();
    expect(stub.authenticatorReads()).toBe(reads + 1);
    await advance(3000);
    expect(stub.authenticatorReads()).toBe(reads + 1);
    expect(part("Kiosk").textContent).toContain("No codes from the server for this authenticator");
    expect(currentCode("Alice")).toBe(codeAt(ALICE_TOTP.key, stepNow()));
  });
});
