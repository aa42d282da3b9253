// Google's emulator as the stack runs it: the rules file in force from the
// start, a change to the file in force a moment later (as under npm start),
// and no Java process left once it is stopped.
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { chooseFirestore } from "./firestore-choice.js";
import { probeFirestore } from "./firestore-probe.js";
import { startGoogleFirestore } from "./google-firestore.js";
import { freePort } from "./ports.js";

const choice = chooseFirestore(await probeFirestore());
const rulesAllowingReads = (allowed: boolean) => `rules_version = '2';
service cloud.firestore { match /databases/{db}/documents { match /{doc=**} { allow read: if ${allowed}; } } }
`;

const javaRunning = (port: number) =>
  import("node:child_process").then(({ execFileSync }) =>
    execFileSync("ps", ["-eo", "args"], { encoding: "utf8" })
      .split("\n")
      .some((line) => line.includes("java") && line.includes(`--port ${port}`)),
  );

describe.skipIf(choice.kind !== "google")("Google's Firestore emulator under the stack", () => {
  it("enforces the rules file, reloads it when it changes, and leaves no Java behind", async () => {
    if (choice.kind !== "google") return;
    const rulesPath = join(mkdtempSync(join(tmpdir(), "rules-")), "firestore.rules");
    writeFileSync(rulesPath, rulesAllowingReads(false));
    const port = await freePort("127.0.0.1");
    const reloads: string[][] = [];
    const emulator = await startGoogleFirestore({
      launch: choice.launch,
      host: "127.0.0.1",
      port,
      projectId: "demo-rules-reload",
      rulesPath,
      log: () => {},
      onRulesReloaded: (issues) => reloads.push(issues),
    });
    try {
      const anonymousList = () =>
        fetch(
          `http://127.0.0.1:${port}/v1/projects/demo-rules-reload/databases/(default)/documents/otpCodes`,
        ).then((response) => response.status);
      expect(await anonymousList()).toBe(403);

      writeFileSync(rulesPath, rulesAllowingReads(true));
      const deadline = Date.now() + 10_000;
      while ((await anonymousList()) !== 200 && Date.now() < deadline) {
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      expect(await anonymousList()).toBe(200);
      expect(reloads).toEqual([[]]);

      writeFileSync(rulesPath, "rules_version = '2'; service cloud.firestore { match");
      while (reloads.length < 2 && Date.now() < deadline + 10_000) {
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      expect(reloads[1]?.join(" ")).toMatch(/ERROR|compil/i);
      console.log(`[rules] a broken rules file is reported as: ${reloads[1]?.join(" ")}`);
    } finally {
      await emulator.stop();
    }
    expect(await javaRunning(port)).toBe(false);
  }, 90_000);
});
