// An HTTP response for handler tests: what the handler set, sent and ended,
// in the small express-like shape the handlers write to.
export interface Captured {
  status?: number;
  headers: Record<string, string>;
  body?: unknown;
  ended: boolean;
}

export function capturedResponse() {
  const captured: Captured = { headers: {}, ended: false };
  const res = {
    status(code: number) {
      captured.status = code;
      return res;
    },
    set(name: string, value: string) {
      captured.headers[name] = value;
      return res;
    },
    json(body: unknown) {
      captured.body = body;
      captured.ended = true;
    },
    end() {
      captured.ended = true;
    },
  };
  return { captured, res };
}
