import type { DataError } from "../logic/types.js";

/** FirestoreError and friends → the plain shape the UI explains. */
export function toDataError(error: unknown): DataError {
  if (typeof error === "object" && error !== null) {
    const { code, message } = error as { code?: unknown; message?: unknown };
    return {
      code: typeof code === "string" ? code : "unknown",
      message: typeof message === "string" ? message : String(error),
    };
  }
  return { code: "unknown", message: String(error) };
}
