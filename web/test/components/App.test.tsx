// @vitest-environment happy-dom
import { act, fireEvent, render, screen, within } from "@testing-library/preact";
import { describe, expect, it, vi } from "vitest";
import { App, BASE_TITLE } from "../../src/components/App.js";
import { FRESH_MS } from "../../src/hooks/use-arrivals.js";
import {
  FLOOD_SNAPSHOTS,
  STREAM_GAP_MS,
  STREAM_SNAPSHOTS,
  WINDOW_MS,
} from "../../src/logic/coalesce.js";
import {
  CATCH_UP_GRACE_MS,
  FRESHNESS_CHECK_INTERVAL_MS,
  FRESHNESS_CHECK_TIMEOUT_MS,
  SETTLED_AFTER_MS,
} from "../../src/logic/freshness.js";
import { CODES_SHOWN } from "../../src/logic/inbox-view.js";
import { HEAL_AFTER_MS } from "../../src/logic/watchdog.js";
import { demoLabels, makeCode, makeEmail, makeEmailCode } from "../support/codes.js";
import { fakePageEnvironment } from "../support/page-environment.js";
import { ALICE, type StubInboxData, stubInboxData } from "../support/stub-data.js";

const NOW = Date.UTC(2026, 0, 15, 12, 0, 0);
const LABELS = demoLabels([
  { phoneNumber: "+61400000001", label: "Alice" },
  { phoneNumber: "+61400000002", label: "Bob" },
]);

let stub: StubInboxData;
const writeText = vi.fn(async (_text: string) => {});

function renderApp(localStack = false) {
  stub = stubInboxData();
  render(
    <App
      data={stub.data}
      retentionMinutes={10}
      accessContact="the demo team lead"
      localStack={localStack}
    />,
  );
}

async function signedInWith(codes = [makeCode({ receivedAt: NOW - 1000 })]) {
  renderApp();
  stub.signIn(ALICE);
  stub.labels(LABELS);
  stub.codes(codes);
}

const rows = () => screen.queryAllByRole("listitem").filter((li) => li.matches(".code-row"));
const pinnedCard = (name: string) => {
  const card = screen.getByRole("heading", { name }).closest(".pinned-card");
  if (!(card instanceof HTMLElement)) throw new Error(`no pinned card for ${name}`);
  return card;
};
/** Lets promise chains (clipboard writes) and the renders they cause settle. */
const flush = () =>
  act(async () => {
    for (let i = 0; i < 10; i++) await Promise.resolve();
  });
/** Lets the screens the page loads when first shown (components/lazy.tsx) arrive and render. */
const loaded = () =>
  act(async () => {
    await Promise.all([
      import("../../src/components/SignIn.js"),
      import("../../src/components/NotAllowed.js"),
      import("../../src/components/ShortcutHelp.js"),
    ]);
    for (let i = 0; i < 10; i++) await Promise.resolve();
  });

fakePageEnvironment(NOW, writeText);

describe("which screen shows", () => {
  it("waits for auth, then offers sign-in to a signed-out visitor", async () => {
    renderApp();
    expect(screen.getByText("Loading…")).toBeTruthy();
    stub.signIn(null);
    stub.publicMode(false);
    await loaded();
    expect(screen.getByRole("heading", { name: "Sign in to see the codes" })).toBeTruthy();
    expect(screen.getByRole("button", { name: /Continue with Google/ })).toBeTruthy();
    expect(stub.codeSubscriptions.count).toBe(0);
  });

  it("shows a signed-in user the codes, and nothing from before when they sign out", async () => {
    await signedInWith([makeCode({ code: "482913", recipient: "+61400000001" })]);
    expect(rows()).toHaveLength(1);
    expect(screen.getAllByText("482913").length).toBeGreaterThan(0);
    fireEvent.click(screen.getByRole("button", { name: "Sign out" }));
    await flush();
    stub.publicMode(false);
    await loaded();
    expect(stub.codeSubscriptions.active).toBe(0);
    expect(screen.queryByText("482913")).toBeNull();
    expect(screen.getByRole("heading", { name: "Sign in to see the codes" })).toBeTruthy();
  });

  it("explains a refusal: who is signed in, whom to ask, how to sign out", async () => {
    renderApp();
    stub.signIn({ ...ALICE, email: "bob@example.org" });
    stub.codesError({ code: "permission-denied", message: "Missing or insufficient permissions." });
    await loaded();
    expect(screen.getByRole("heading", { name: "You don't have access yet" })).toBeTruthy();
    expect(screen.getByText("bob@example.org", { selector: ".signed-in-as" })).toBeTruthy();
    expect(screen.getByText("the demo team lead")).toBeTruthy();
    expect(screen.getByText("npm run access -- add bob@example.org")).toBeTruthy();
    expect(document.querySelector(".connection")?.textContent).toBe("Not allowed");
    const panel = screen.getByRole("region", { name: "You don't have access yet" });
    fireEvent.click(within(panel).getByRole("button", { name: "Sign out" }));
    expect(stub.data.auth.signOut).toHaveBeenCalled();
  });

  it("checks the allow-list again by itself while refused", async () => {
    renderApp();
    stub.signIn(ALICE);
    stub.codesError({ code: "permission-denied", message: "no" });
    await loaded();
    const before = stub.codeSubscriptions.count;
    act(() => {
      vi.advanceTimersByTime(20_000);
    });
    // The refused listener attaches again by itself (backoff), and the
    // refusal screen asks again every 20 s.
    expect(stub.codeSubscriptions.count).toBeGreaterThan(before);
    stub.labels(LABELS);
    stub.codes([makeCode({ code: "555111" })]);
    expect(screen.getAllByText("555111").length).toBeGreaterThan(0);
  });

  it("in public mode shows codes without sign-in, under a warning banner", () => {
    renderApp();
    stub.signIn(null);
    stub.publicMode(true);
    stub.labels([]);
    stub.codes([makeCode({ code: "999000" })]);
    expect(screen.getByText(/Public mode is on/)).toBeTruthy();
    expect(screen.getByText("999000")).toBeTruthy();
  });
});

describe("the list", () => {
  it("shows two codes that land together at once, each as it comes", async () => {
    await signedInWith([]);
    const first = makeCode({ code: "610001", receivedAt: NOW - 10 });
    const second = makeCode({ code: "610002", recipient: "+61400000002", receivedAt: NOW });
    stub.codes([first]);
    stub.codes([second, first]);
    expect(rows()).toHaveLength(2);
  });

  it("under a flood, renders the latest snapshot once per gap instead of every one", async () => {
    await signedInWith([]);
    act(() => {
      vi.advanceTimersByTime(WINDOW_MS);
    });
    const burst = Array.from({ length: FLOOD_SNAPSHOTS + 10 }, (_, i) =>
      makeCode({ code: String(600000 + i), receivedAt: NOW - 1000 + i }),
    );
    // More snapshots in one instant than any demo makes: the first ones show
    // at once, the rest wait for the gap and show as one.
    for (let n = 1; n <= burst.length; n++) stub.codes(burst.slice(0, n));
    expect(rows()).toHaveLength(STREAM_SNAPSHOTS);
    act(() => {
      vi.advanceTimersByTime(STREAM_GAP_MS);
    });
    expect(rows()).toHaveLength(burst.length);
    // A change of connection state is never held back.
    stub.codes(burst, true);
    expect(screen.getByText(/Connection lost: reconnecting/)).toBeTruthy();
  });

  it("renders at most its cap and says how many older codes it hides", async () => {
    const flood = Array.from({ length: CODES_SHOWN + 12 }, (_, i) =>
      makeCode({ code: String(500000 + i), receivedAt: NOW - 60_000 + i }),
    );
    await signedInWith(flood);
    expect(rows()).toHaveLength(CODES_SHOWN);
    expect(
      screen.getByText(`12 older codes hidden: the list shows the newest ${CODES_SHOWN}.`, {
        exact: false,
      }),
    ).toBeTruthy();
    // The query stopped at its limit: more may exist than the page loaded.
    stub.codes(flood, false, true);
    expect(screen.getByText(/^More than 12 older codes hidden/)).toBeTruthy();
    expect(screen.getByText(`${CODES_SHOWN + 12}+`)).toBeTruthy();
  });

  it("labels codes, badges flows, dims superseded codes and pins users", async () => {
    await signedInWith([
      makeCode({ code: "111111", recipient: "+61400000001", receivedAt: NOW - 5000 }),
      makeCode({ code: "222222", recipient: "+61400000001", receivedAt: NOW - 1000 }),
      makeCode({
        code: "",
        recipient: "+61400000002",
        messageType: "blocked_account",
        receivedAt: NOW - 2000,
      }),
    ]);
    const [newest, notice, oldest] = rows();
    expect(newest?.textContent).toContain("222222");
    expect(newest?.textContent).toContain("Alice");
    expect(newest?.classList.contains("superseded")).toBe(false);
    expect(notice?.textContent).toContain("Blocked account");
    expect(oldest?.classList.contains("superseded")).toBe(true);
    expect(oldest?.textContent).toContain("Superseded");
    expect(within(pinnedCard("Alice")).getByText("222222")).toBeTruthy();
    expect(within(pinnedCard("Bob")).getByText(/No code in the last 10 min/)).toBeTruthy();
  });

  it("lets codes leave when they expire, with no new data", async () => {
    await signedInWith([
      makeCode({ code: "700001", receivedAt: NOW - 9 * 60_000 - 55_000 }),
      makeCode({ code: "700002", recipient: "+61400000002", receivedAt: NOW - 60_000 }),
    ]);
    expect(rows()).toHaveLength(2);
    expect(screen.getAllByText("0:05 left").length).toBeGreaterThan(0);
    // Ages and countdowns tick every second …
    act(() => {
      vi.advanceTimersByTime(1010);
    });
    expect(screen.getAllByText("0:04 left").length).toBeGreaterThan(0);
    act(() => {
      vi.advanceTimersByTime(3980);
    });
    expect(rows()).toHaveLength(2);
    // … and the code leaves at its expireAt, not at some later tick.
    act(() => {
      vi.advanceTimersByTime(15);
    });
    expect(rows()).toHaveLength(1);
    expect(screen.queryByText("700001")).toBeNull();
  });

  it("takes an expired code off the pinned card too, and ticks the card's age", async () => {
    await signedInWith([makeCode({ code: "710001", receivedAt: NOW - 9 * 60_000 - 58_000 })]);
    const card = pinnedCard("Alice");
    expect(within(card).getByText("710001")).toBeTruthy();
    expect(within(card).getByText("9 min ago")).toBeTruthy();
    act(() => {
      vi.advanceTimersByTime(2010);
    });
    expect(within(pinnedCard("Alice")).getByText(/No code in the last 10 min/)).toBeTruthy();
  });

  it("filters by name or number", async () => {
    await signedInWith([
      makeCode({ code: "100001", recipient: "+61400000001" }),
      makeCode({ code: "100002", recipient: "+61400000002" }),
    ]);
    fireEvent.input(screen.getByRole("searchbox"), { target: { value: "bob" } });
    expect(rows().map((r) => r.dataset.recipient)).toEqual(["+61400000002"]);
    fireEvent.input(screen.getByRole("searchbox"), { target: { value: "0400 000 001" } });
    expect(rows().map((r) => r.dataset.recipient)).toEqual(["+61400000001"]);
    expect(screen.getByText("1 of 2")).toBeTruthy();
  });

  it("says quietly why no code may be showing while deliveries are refused", async () => {
    await signedInWith();
    expect(screen.queryByTestId("refusal-notice")).toBeNull();
    const wrongSecret = {
      status: 401,
      error: "unauthorized",
      field: "Authorization",
      limitReached: false,
    };
    stub.refusals([
      { ...wrongSecret, id: "r1", refusedAt: NOW - 3 * 60_000 },
      { ...wrongSecret, id: "r2", refusedAt: NOW - 2 * 60_000 },
      { ...wrongSecret, id: "r3", refusedAt: NOW - 60_000 },
    ]);
    expect(screen.getByTestId("refusal-notice").textContent).toBe(
      "3 deliveries refused in the last 10 minutes: wrong webhook secret — check OTP_WEBHOOK_SECRET in the Auth0 Action.",
    );
    // The window moves with the clock: the banner counts down and leaves by itself.
    act(() => {
      vi.advanceTimersByTime(7 * 60_000 + 5);
    });
    expect(screen.getByTestId("refusal-notice").textContent).toMatch(/^2 deliveries refused/);
    act(() => {
      vi.advanceTimersByTime(2 * 60_000);
    });
    expect(screen.queryByTestId("refusal-notice")).toBeNull();
  });

  it("says what to do when there are no codes", async () => {
    await signedInWith([]);
    expect(screen.getByText("Nothing in the last 10 minutes")).toBeTruthy();
    // The inbox says what it holds now: SMS, voice and email.
    expect(screen.getByText(/SMS, voice call or email/)).toBeTruthy();
    expect(screen.getByRole("heading", { level: 1 }).textContent).toBe(BASE_TITLE);
    expect(BASE_TITLE).toMatch(/SMS.*Voice.*Email/);
  });
});

describe("copying", () => {
  it("copies what a row and a card show now, after their code changed", async () => {
    const first = makeCode({ code: "111111", recipient: "+61400000001", receivedAt: NOW - 2000 });
    await signedInWith([first]);
    // The same document, rewritten (a modified document in the snapshot).
    stub.codes([{ ...first, code: "222222" }]);
    fireEvent.click(screen.getByRole("button", { name: "Copy code for Alice" }));
    await flush();
    expect(writeText).toHaveBeenLastCalledWith("222222");
    fireEvent.click(screen.getByRole("button", { name: "Copy Alice's code" }));
    await flush();
    expect(writeText).toHaveBeenLastCalledWith("222222");
  });

  it("copies a code with one click and confirms it", async () => {
    await signedInWith([makeCode({ code: "482913", recipient: "+61400000001" })]);
    fireEvent.click(screen.getByRole("button", { name: "Copy code for Alice" }));
    await flush();
    expect(writeText).toHaveBeenCalledWith("482913");
    expect(screen.getByRole("button", { name: "Copy code for Alice: Copied" })).toBeTruthy();
    expect(screen.getByText("Copied 482913 for Alice")).toBeTruthy();
  });

  it("copies the newest code with c and a pinned user's code with their digit", async () => {
    await signedInWith([
      makeCode({ code: "200001", recipient: "+61400000001", receivedAt: NOW - 3000 }),
      makeCode({ code: "200002", recipient: "+61400000002", receivedAt: NOW - 1000 }),
    ]);
    fireEvent.keyDown(document.body, { key: "c" });
    await flush();
    expect(writeText).toHaveBeenLastCalledWith("200002");
    fireEvent.keyDown(document.body, { key: "1" });
    await flush();
    expect(writeText).toHaveBeenLastCalledWith("200001");
    fireEvent.keyDown(screen.getByRole("searchbox"), { key: "c" });
    await flush();
    expect(writeText).toHaveBeenCalledTimes(2);
  });

  it("copies each person's own code with their digit when two users share a number", async () => {
    renderApp();
    stub.signIn(ALICE);
    stub.labels(
      demoLabels([
        { phoneNumber: "+61400000003", label: "Carol", email: "carol@atko.email" },
        { phoneNumber: "+61400000003", label: "Dan", email: "dan@atko.email" },
      ]),
    );
    const on = (code: string, email: string, ago: number) =>
      makeCode({ code, recipient: "+61400000003", user: { email }, receivedAt: NOW - ago });
    stub.codes([on("900003", "carol@atko.email", 1000), on("900002", "dan@atko.email", 2000)]);
    expect(within(pinnedCard("Carol")).getByText("900003")).toBeTruthy();
    expect(within(pinnedCard("Dan")).getByText("900002")).toBeTruthy();
    expect(rows().some((row) => row.classList.contains("superseded"))).toBe(false);
    fireEvent.keyDown(document.body, { key: "2" });
    await flush();
    expect(writeText).toHaveBeenLastCalledWith("900002");
    expect(screen.getByText("Copied 900002 for Dan")).toBeTruthy();
    fireEvent.keyDown(document.body, { key: "1" });
    await flush();
    expect(writeText).toHaveBeenLastCalledWith("900003");
  });

  it("says so when the browser refuses the clipboard", async () => {
    writeText.mockRejectedValueOnce(new Error("denied"));
    await signedInWith([makeCode({ code: "482913" })]);
    fireEvent.keyDown(document.body, { key: "c" });
    await flush();
    expect(screen.getByText(/refused clipboard access/)).toBeTruthy();
  });
});

describe("connection state", () => {
  const indicator = () => document.querySelector(".connection")?.getAttribute("data-state");
  const advance = async (ms: number) => {
    act(() => {
      vi.advanceTimersByTime(ms);
    });
    await flush();
  };

  it("says live only once a server read proves nothing newer exists", async () => {
    renderApp();
    stub.signIn(ALICE);
    expect(indicator()).toBe("connecting");
    stub.labels(LABELS);
    stub.codes([makeCode({ code: "300001" })]);
    expect(indicator()).toBe("checking");
    await flush();
    expect(stub.serverReads()).toBe(1);
    expect(indicator()).toBe("live");
    // The proof is renewed every few seconds while the tab is visible …
    await advance(FRESHNESS_CHECK_INTERVAL_MS);
    expect(stub.serverReads()).toBe(2);
    // … and not at all while it is hidden; shown again, it checks at once.
    stub.visible(false);
    await advance(5 * FRESHNESS_CHECK_INTERVAL_MS);
    expect(stub.serverReads()).toBe(2);
    stub.visible(true);
    await flush();
    expect(stub.serverReads()).toBe(3);
    expect(indicator()).toBe("live");
  });

  it("goes live, says reconnecting when data falls back to the cache, and recovers", async () => {
    await signedInWith([makeCode({ code: "300001" })]);
    await flush();
    expect(indicator()).toBe("live");
    stub.codes([makeCode({ code: "300001" })], true);
    expect(indicator()).toBe("reconnecting");
    expect(screen.getByText(/Connection lost: reconnecting/)).toBeTruthy();
    expect(document.querySelector(".code-list")?.classList.contains("stale")).toBe(true);
    stub.codes([makeCode({ code: "300001" })], false);
    await flush();
    expect(indicator()).toBe("live");
    expect(screen.queryByText(/Connection lost/)).toBeNull();
  });

  it("stops saying live when the server read does not answer, and heals by restarting the network", async () => {
    await signedInWith([makeCode({ code: "300001" })]);
    await flush();
    expect(indicator()).toBe("live");
    stub.server.answer = "hang";
    await advance(FRESHNESS_CHECK_INTERVAL_MS);
    await advance(FRESHNESS_CHECK_TIMEOUT_MS);
    expect(indicator()).toBe("reconnecting");
    expect(screen.getByText(/The list is behind the server/)).toBeTruthy();
    // The codes on screen stay, marked as possibly out of date.
    expect(screen.getAllByText("300001").length).toBeGreaterThan(0);
    expect(stub.data.heal.restartNetwork).not.toHaveBeenCalled();
    await advance(HEAL_AFTER_MS);
    expect(stub.data.heal.restartNetwork).toHaveBeenCalledTimes(1);
    // The network is back: the next read answers and the page is live again.
    stub.server.answer = "mirror";
    await advance(FRESHNESS_CHECK_TIMEOUT_MS + FRESHNESS_CHECK_INTERVAL_MS);
    // Listeners the watchdog attached again meanwhile hear from the server.
    stub.labels(LABELS);
    stub.codes([makeCode({ code: "300001" })]);
    await flush();
    expect(indicator()).toBe("live");
    expect(document.querySelector(".recovery-note")?.textContent).toMatch(
      /Back in sync at .*: the list was out of date for \d+ s/,
    );
  });

  it("asks the server only about codes a healthy listener already has, so a code in flight never makes it doubt", async () => {
    const shown = makeCode({ code: "300001", receivedAt: NOW - 5000 });
    await signedInWith([shown]);
    await flush();
    expect(indicator()).toBe("live");
    // Under a stream a code is always on its way: the server has it, the listener not yet.
    const inFlight = makeCode({ id: "in-flight", code: "300002", receivedAt: Date.now() + 4000 });
    stub.server.serverOnly = [inFlight];
    await advance(FRESHNESS_CHECK_INTERVAL_MS);
    const read = stub.lastServerRead();
    expect(read?.untilMs).toBe(Date.now() - SETTLED_AFTER_MS);
    expect(indicator()).toBe("live");
    // Once it is older than that and still missing, the page doubts.
    await advance(FRESHNESS_CHECK_INTERVAL_MS);
    expect(indicator()).toBe("checking");
  });

  it("notices a listener that missed a code the server has, and attaches it again without emptying the list", async () => {
    const shown = makeCode({ code: "300001", receivedAt: NOW - 5000 });
    await signedInWith([shown]);
    await flush();
    expect(indicator()).toBe("live");
    // The server has a newer code the listener never delivers (a silent target).
    stub.server.answer = { id: "missed", receivedAt: NOW };
    await advance(FRESHNESS_CHECK_INTERVAL_MS);
    expect(indicator()).toBe("checking");
    await advance(CATCH_UP_GRACE_MS);
    expect(indicator()).toBe("reconnecting");
    const subscriptions = stub.codeSubscriptions.count;
    // First the network, then the listeners.
    await advance(HEAL_AFTER_MS);
    expect(stub.data.heal.restartNetwork).toHaveBeenCalledTimes(1);
    await advance(10_000);
    expect(stub.codeSubscriptions.count).toBe(subscriptions + 1);
    expect(screen.getAllByText("300001").length).toBeGreaterThan(0);
    // The new listener's cached first answer replaces nothing …
    stub.codes([], true);
    expect(screen.getAllByText("300001").length).toBeGreaterThan(0);
    // … the server's does, with the missed code announced as new.
    const missed = makeCode({ id: "missed", code: "300002", receivedAt: NOW });
    stub.server.answer = "mirror";
    stub.labels(LABELS);
    stub.codes([missed, shown]);
    await flush();
    expect(indicator()).toBe("live");
    expect(document.querySelector(".code-row.fresh")?.textContent).toContain("300002");
  });

  it("replaces a failed SDK at once and keeps the codes on screen meanwhile", async () => {
    await signedInWith([makeCode({ code: "300001" })]);
    await flush();
    const subscriptions = stub.codeSubscriptions.count;
    stub.sdkFails();
    await flush();
    expect(stub.data.heal.renewFirestore).toHaveBeenCalledTimes(1);
    expect(stub.codeSubscriptions.count).toBe(subscriptions + 1);
    expect(indicator()).toBe("reconnecting");
    expect(screen.getAllByText("300001").length).toBeGreaterThan(0);
    stub.labels(LABELS);
    stub.codes([makeCode({ code: "300001" })]);
    await flush();
    expect(indicator()).toBe("live");
  });

  it("says why it failed, and offers Reconnect now, which restarts everything at once", async () => {
    await signedInWith();
    await flush();
    stub.codes([makeCode({})], true);
    const subscriptions = stub.codeSubscriptions.count;
    fireEvent.click(screen.getByRole("button", { name: "Reconnect now" }));
    await flush();
    expect(stub.data.heal.restartNetwork).toHaveBeenCalledTimes(1);
    expect(stub.codeSubscriptions.count).toBe(subscriptions + 1);
  });

  it("says reconnecting as soon as the Firestore host stops answering", async () => {
    await signedInWith();
    await flush();
    stub.reachable(false);
    expect(document.querySelector(".connection")?.textContent).toBe("Reconnecting…");
    stub.reachable(true);
    await flush();
    expect(document.querySelector(".connection")?.textContent).toBe("Live");
  });

  it("says offline as soon as the browser does", async () => {
    await signedInWith();
    await flush();
    stub.online(false);
    expect(document.querySelector(".connection")?.textContent).toBe("Offline");
    expect(screen.getByText(/You are offline/)).toBeTruthy();
    stub.online(true);
    await flush();
    expect(document.querySelector(".connection")?.textContent).toBe("Live");
  });

  it("shows other listener failures, retries them by itself and offers Reconnect now", async () => {
    await signedInWith();
    stub.codesError({ code: "failed-precondition", message: "The query requires an index." });
    expect(screen.getByText(/The query requires an index/)).toBeTruthy();
    const before = stub.codeSubscriptions.count;
    await advance(1000);
    expect(stub.codeSubscriptions.count).toBe(before + 1);
    fireEvent.click(screen.getByRole("button", { name: "Reconnect now" }));
    await flush();
    expect(stub.codeSubscriptions.count).toBe(before + 2);
  });
});

describe("errors nothing else caught", () => {
  it("says what went wrong in the background and how to recover", async () => {
    await signedInWith();
    const event = new Event("unhandledrejection") as Event & { reason: unknown };
    event.reason = new Error("the clipboard went away");
    act(() => {
      window.dispatchEvent(event);
    });
    expect(
      screen.getByText(/Something went wrong on this page/).closest(".notice-bar")?.textContent,
    ).toContain("the clipboard went away");
    expect(screen.getByRole("button", { name: "reload the page" })).toBeTruthy();
    fireEvent.click(screen.getByRole("button", { name: "Dismiss" }));
    expect(screen.queryByText(/Something went wrong on this page/)).toBeNull();
  });

  it("leaves a failed SDK's own throws to the watchdog", async () => {
    await signedInWith();
    const event = new Event("unhandledrejection") as Event & { reason: unknown };
    event.reason = new Error("FIRESTORE INTERNAL ASSERTION FAILED: Unexpected state (ID: b815)");
    act(() => {
      window.dispatchEvent(event);
    });
    expect(screen.queryByText(/Something went wrong on this page/)).toBeNull();
  });
});

describe("listeners that recover", () => {
  it("keeps a public-mode visitor on the codes when config/public fails, and listens again", async () => {
    renderApp();
    stub.signIn(null);
    stub.publicMode(true);
    stub.labels([]);
    stub.codes([makeCode({ code: "999000" })]);
    stub.publicModeError({ code: "unavailable", message: "The service is unavailable" });
    await loaded();
    expect(screen.getByText("999000")).toBeTruthy();
    expect(screen.queryByRole("heading", { name: "Sign in to see the codes" })).toBeNull();
    // It attaches again and follows the server from then on.
    act(() => {
      vi.advanceTimersByTime(1000);
    });
    stub.publicMode(false);
    await loaded();
    expect(screen.getByRole("heading", { name: "Sign in to see the codes" })).toBeTruthy();
  });

  it("keeps the refusal banner through an error and listens again", async () => {
    await signedInWith();
    const refusal = {
      id: "r1",
      status: 401,
      error: "unauthorized",
      field: "Authorization",
      limitReached: false,
      refusedAt: NOW - 60_000,
    };
    stub.refusals([refusal]);
    stub.refusalsError({ code: "unavailable", message: "The service is unavailable" });
    expect(screen.getByTestId("refusal-notice")).toBeTruthy();
    act(() => {
      vi.advanceTimersByTime(1000);
    });
    stub.refusals([refusal, { ...refusal, id: "r2", refusedAt: NOW - 30_000 }]);
    expect(screen.getByTestId("refusal-notice").textContent).toMatch(/^2 deliveries refused/);
  });
});

describe("attention", () => {
  it("highlights and announces new codes, but not the ones already there", async () => {
    const old = makeCode({ code: "400001", receivedAt: NOW - 5000 });
    await signedInWith([old]);
    expect(document.querySelector(".code-row.fresh")).toBeNull();
    const fresh = makeCode({ code: "400002", recipient: "+61400000002", receivedAt: NOW });
    stub.codes([fresh, old]);
    expect(document.querySelector(".code-row.fresh")?.textContent).toContain("400002");
    expect(document.querySelector("[aria-live=polite].sr-only")?.textContent).toBe(
      "New code for Bob: 4 0 0 0 0 2",
    );
    // The highlight ends when FRESH_MS is up, on a timer of its own.
    act(() => {
      vi.advanceTimersByTime(FRESH_MS - 10);
    });
    expect(document.querySelector(".code-row.fresh")?.textContent).toContain("400002");
    act(() => {
      vi.advanceTimersByTime(15);
    });
    expect(document.querySelector(".code-row.fresh")).toBeNull();
  });

  it("counts arrivals in the title while the tab is hidden", async () => {
    await signedInWith([]);
    const visibility = vi.spyOn(document, "visibilityState", "get").mockReturnValue("hidden");
    const first = makeCode({ code: "500001" });
    stub.codes([first]);
    stub.codes([makeCode({ code: "500002" }), first]);
    expect(document.title).toBe(`(2) Alice · ${BASE_TITLE}`);
    visibility.mockReturnValue("visible");
    act(() => {
      document.dispatchEvent(new Event("visibilitychange"));
    });
    expect(document.title).toBe(BASE_TITLE);
  });
});

describe("presenter features", () => {
  it("masks codes until clicked, and remembers the choice", async () => {
    await signedInWith([makeCode({ code: "600001", recipient: "+61400000001" })]);
    fireEvent.keyDown(document.body, { key: "m" });
    await flush();
    expect(screen.queryByText("600001")).toBeNull();
    const masked = screen.getAllByRole("button", { name: "Masked code: click to reveal" });
    fireEvent.click(masked[masked.length - 1] as HTMLElement);
    // Revealing a code reveals it everywhere it shows (its row and its pinned card).
    expect(screen.getAllByText("600001")).toHaveLength(2);
    expect(JSON.parse(localStorage.getItem("sms-inbox.preferences") ?? "{}").mask).toBe(true);
  });

  it("forgets revealed codes when masking is switched off and on again", async () => {
    await signedInWith([makeCode({ code: "600002", recipient: "+61400000001" })]);
    fireEvent.keyDown(document.body, { key: "m" });
    await flush();
    const masked = screen.getAllByRole("button", { name: "Masked code: click to reveal" });
    fireEvent.click(masked[0] as HTMLElement);
    expect(screen.getAllByText("600002")).toHaveLength(2);
    fireEvent.keyDown(document.body, { key: "m" });
    await flush();
    fireEvent.keyDown(document.body, { key: "m" });
    await flush();
    expect(screen.queryByText("600002")).toBeNull();
  });

  it("closes the shortcut list on Esc before clearing the filter", async () => {
    await signedInWith([
      makeCode({ code: "100001", recipient: "+61400000001" }),
      makeCode({ code: "100002", recipient: "+61400000002" }),
    ]);
    fireEvent.input(screen.getByRole("searchbox"), { target: { value: "bob" } });
    fireEvent.keyDown(document.body, { key: "?" });
    await loaded();
    expect(screen.getByRole("dialog", { name: "Keyboard shortcuts" })).toBeTruthy();
    fireEvent.keyDown(document.body, { key: "Escape" });
    expect(screen.queryByRole("dialog", { name: "Keyboard shortcuts" })).toBeNull();
    expect(rows()).toHaveLength(1);
    fireEvent.keyDown(document.body, { key: "Escape" });
    expect(rows()).toHaveLength(2);
    expect((screen.getByRole("searchbox") as HTMLInputElement).value).toBe("");
  });

  it("switches presenter mode with p and lists shortcuts on ?", async () => {
    await signedInWith();
    fireEvent.keyDown(document.body, { key: "p" });
    await flush();
    expect(document.querySelector(".app")?.classList.contains("presenter")).toBe(true);
    expect(screen.getByRole("button", { name: "Presenter" }).getAttribute("aria-pressed")).toBe(
      "true",
    );
    fireEvent.keyDown(document.body, { key: "?" });
    await loaded();
    expect(screen.getByRole("dialog", { name: "Keyboard shortcuts" })).toBeTruthy();
    expect(screen.getByText("Copy the newest code")).toBeTruthy();
  });
});

describe("emails", () => {
  const PEOPLE = demoLabels([
    { phoneNumber: "+61400000001", label: "Alice", email: "alice@example.com" },
    { phoneNumber: "+61400000002", label: "Bob", email: "bob@example.com" },
  ]);
  const BODY = '<p>Hello</p><script>parent.postMessage("ran", "*")</script>';

  async function showing(codes: ReturnType<typeof makeCode>[]) {
    renderApp();
    stub.signIn(ALICE);
    stub.labels(PEOPLE);
    stub.codes(codes);
  }
  const row = (id: string) => {
    const found = document.querySelector(`.code-row[data-code-id="${id}"]`);
    if (!(found instanceof HTMLElement)) throw new Error(`no row for ${id}`);
    return found;
  };
  /** Lets the lazily loaded viewer arrive, read the body and render it. */
  const viewer = async () => {
    await act(async () => {
      await import("../../src/components/EmailViewer.js");
    });
    await flush();
    await flush();
  };

  it("shows an email's code like an SMS code: large, copyable, on c and its card's digit", async () => {
    const sms = makeCode({
      code: "111111",
      user: { email: "alice@example.com" },
      receivedAt: NOW - 5000,
    });
    const email = makeEmailCode("482913", { receivedAt: NOW - 1000 });
    await showing([email, sms]);
    const emailRow = row(email.id);
    expect(within(emailRow).getByText("482913").classList.contains("large")).toBe(true);
    expect(within(emailRow).getByText("Your verification code")).toBeTruthy();
    expect(within(emailRow).getByText("Email MFA")).toBeTruthy();
    expect(within(emailRow).getByText("Email")).toBeTruthy();
    expect(within(row(sms.id)).getByText("SMS")).toBeTruthy();
    // The person's card shows their email code beside their SMS code.
    const card = pinnedCard("Alice");
    expect(within(card).getByText("111111")).toBeTruthy();
    expect(within(card).getByText("482913")).toBeTruthy();
    fireEvent.click(within(emailRow).getByRole("button", { name: "Copy code for Alice" }));
    await flush();
    expect(writeText).toHaveBeenLastCalledWith("482913");
    fireEvent.click(within(card).getByRole("button", { name: "Copy Alice's email code" }));
    await flush();
    expect(writeText).toHaveBeenLastCalledWith("482913");
    writeText.mockClear();
    fireEvent.keyDown(document.body, { key: "c" });
    await flush();
    expect(writeText).toHaveBeenLastCalledWith("482913");
    fireEvent.keyDown(document.body, { key: "1" });
    await flush();
    expect(writeText).toHaveBeenLastCalledWith("482913");
  });

  it("masks an email's code, in its subject too, until clicked", async () => {
    const email = makeEmailCode("482913", {
      email: { subject: "Code 482913", links: [], mainLink: null, linksTruncated: false },
    });
    await showing([email]);
    fireEvent.keyDown(document.body, { key: "m" });
    await flush();
    expect(screen.queryByText(/482913/)).toBeNull();
    const masked = within(row(email.id)).getByRole("button", {
      name: "Masked code: click to reveal",
    });
    fireEvent.click(masked);
    expect(within(row(email.id)).getByText("482913")).toBeTruthy();
    expect(within(row(email.id)).getByText("Code 482913")).toBeTruthy();
  });

  it("offers an email's link as Copy link first, then Open in a new tab", async () => {
    const email = makeEmail({ receivedAt: NOW - 1000 });
    const url = email.email?.mainLink?.url ?? "";
    await showing([email]);
    const emailRow = row(email.id);
    expect(within(emailRow).getByText("Verify email")).toBeTruthy();
    expect(within(emailRow).queryByRole("button", { name: /Copy code/ })).toBeNull();
    const copy = within(emailRow).getByRole("button", { name: "Copy link for Alice" });
    const open = within(emailRow).getByRole("link", {
      name: "Open the link for Alice in a new tab",
    });
    expect(copy.compareDocumentPosition(open) & Node.DOCUMENT_POSITION_FOLLOWING).toBeTruthy();
    expect(open.getAttribute("href")).toBe(url);
    expect(open.getAttribute("target")).toBe("_blank");
    expect(open.getAttribute("rel")).toBe("noopener noreferrer");
    expect(open.getAttribute("referrerpolicy")).toBe("no-referrer");
    // The ticket in the link's query never shows, only where it goes.
    expect(emailRow.textContent).not.toContain("ticket");
    fireEvent.click(copy);
    await flush();
    expect(writeText).toHaveBeenLastCalledWith(url);
    expect(screen.getByText(/Copied the link for Alice/)).toBeTruthy();
    // Alice's card offers the same, and nothing anywhere prefetches it.
    const card = pinnedCard("Alice");
    expect(
      within(card).getByRole("link", { name: "Open the link for Alice in a new tab" }),
    ).toBeTruthy();
    fireEvent.click(within(card).getByRole("button", { name: "Copy link for Alice" }));
    await flush();
    expect(writeText).toHaveBeenLastCalledWith(url);
    expect(
      document.querySelector("link[rel=prefetch], link[rel=prerender], link[rel=preload]"),
    ).toBeNull();
  });

  it("announces an email by whom it is for and its subject, never its link", async () => {
    await showing([]);
    stub.codes([makeEmail({ receivedAt: NOW })]);
    expect(document.querySelector("[aria-live=polite].sr-only")?.textContent).toBe(
      "New email for Alice: Verify your email",
    );
  });

  it("reads the email's HTML only on View email, and shows it in a sandboxed frame under a strict CSP", async () => {
    const email = makeEmail({ receivedAt: NOW - 1000 });
    await showing([email]);
    stub.emailBodies.set(email.id, { html: BODY });
    expect(stub.emailBodyReads).toEqual([]);
    fireEvent.click(
      within(row(email.id)).getByRole("button", {
        name: "View email for Alice: Verify your email",
      }),
    );
    await viewer();
    const dialog = screen.getByRole("dialog", { name: "Verify your email" });
    expect(stub.emailBodyReads).toEqual([email.id]);
    const frame = dialog.querySelector("iframe");
    if (!frame) throw new Error("no frame");
    expect(frame.getAttribute("sandbox")).toBe("allow-popups allow-popups-to-escape-sandbox");
    expect(frame.getAttribute("title")).toBe("Email: Verify your email");
    const srcdoc = frame.getAttribute("srcdoc") ?? "";
    expect(srcdoc).toContain(
      `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:; font-src data:">`,
    );
    expect(srcdoc).toContain('<base target="_blank">');
    expect(srcdoc).toContain('<meta name="referrer" content="no-referrer">');
    expect(srcdoc.indexOf("Content-Security-Policy")).toBeLessThan(srcdoc.indexOf(BODY));
    expect(within(dialog).getByText("Demo <no-reply@demo.test>")).toBeTruthy();
    fireEvent.click(within(dialog).getByRole("button", { name: "Close" }));
    await flush();
    expect(screen.queryByRole("dialog", { name: "Verify your email" })).toBeNull();
  });

  it("says so when the email's content has expired", async () => {
    const email = makeEmailCode("482913");
    await showing([email]);
    fireEvent.click(
      within(pinnedCard("Alice")).getByRole("button", { name: /^View email for Alice/ }),
    );
    await viewer();
    expect(screen.getByText(/no longer stored/)).toBeTruthy();
    expect(document.querySelector("dialog iframe")).toBeNull();
  });

  it("while codes are masked, shows the email (which shows its code) only when asked", async () => {
    const email = makeEmailCode("482913");
    await showing([email]);
    stub.emailBodies.set(email.id, { html: "<p>Your code is 482913</p>" });
    fireEvent.keyDown(document.body, { key: "m" });
    await flush();
    fireEvent.click(within(row(email.id)).getByRole("button", { name: /^View email for Alice/ }));
    await viewer();
    expect(document.querySelector("dialog iframe")).toBeNull();
    fireEvent.click(screen.getByRole("button", { name: "Show the email" }));
    expect(document.querySelector("dialog iframe")?.getAttribute("srcdoc")).toContain("482913");
  });
});
