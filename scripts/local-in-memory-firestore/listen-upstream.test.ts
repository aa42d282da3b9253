import { afterEach, describe, expect, it, vi } from "vitest";
import { type Emulator, startEmulator } from "./emulator.js";
import {
  connectListenUpstream,
  type ListenUpstream,
  type RpcErrorJson,
} from "./listen-upstream.js";
import type { ListenResponseJson } from "./proto-json.js";

const DATABASE = "projects/demo-upstream/databases/(default)";

let emulator: Emulator | undefined;
let upstream: ListenUpstream | undefined;

afterEach(() => {
  upstream?.close();
  emulator?.stop();
});

function documentTarget(targetId: number) {
  return {
    database: DATABASE,
    addTarget: { targetId, documents: { documents: [`${DATABASE}/documents/things/a`] } },
  };
}

describe("Listen upstream on the in-memory emulator", () => {
  it("gets a target's responses, and close() unregisters the emulator's listeners", async () => {
    emulator = await startEmulator();
    upstream = connectListenUpstream(emulator.address);
    const responses: ListenResponseJson[] = [];
    const call = upstream.open(documentTarget(2), {
      onResponse: (response) => responses.push(response),
      onError: (error) => responses.push(error as unknown as ListenResponseJson),
    });
    await vi.waitFor(() => expect(JSON.stringify(responses)).toContain('"CURRENT"'));
    const emitter = emulator.state.emitter as unknown as NodeJS.EventEmitter;
    expect(emitter.listenerCount("update-document")).toBe(1);

    call.close();
    await vi.waitFor(() => expect(emitter.listenerCount("update-document")).toBe(0));
    expect(responses.every((response) => !("error" in response))).toBe(true);
  });

  it("reports a vanished emulator as an RPC error with a status name", async () => {
    emulator = await startEmulator();
    upstream = connectListenUpstream(emulator.address);
    const errors: RpcErrorJson[] = [];
    let current = false;
    upstream.open(documentTarget(2), {
      onResponse: (response) => {
        current ||= JSON.stringify(response).includes('"CURRENT"');
      },
      onError: (error) => errors.push(error),
    });
    await vi.waitFor(() => expect(current).toBe(true));
    emulator.stop();
    await vi.waitFor(() => expect(errors).toHaveLength(1));
    expect(errors[0]?.error.status).toMatch(/^[A-Z_]+$/);
    expect(errors[0]?.error.code).toBeGreaterThan(0);
  });
});
