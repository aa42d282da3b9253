// How the Management API refuses a request, so the scripts' error handling
// meets the same body here as on a real tenant.

const REASON: Record<number, string> = {
  400: "Bad Request",
  401: "Unauthorized",
  403: "Forbidden",
  404: "Not Found",
  409: "Conflict",
  429: "Too Many Requests",
};

/** A refusal with the status, message and (when Auth0 sends one) `errorCode` it answers with. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly errorCode?: string,
  ) {
    super(message);
  }
}

export interface ApiErrorBody {
  statusCode: number;
  error: string;
  message: string;
  errorCode?: string;
}

export function apiErrorBody(status: number, message: string, errorCode?: string): ApiErrorBody {
  return {
    statusCode: status,
    error: REASON[status] ?? "Error",
    message,
    ...(errorCode ? { errorCode } : {}),
  };
}

/** What a thrown error answers: its refusal, or 500 for a fault in the stand-in itself. */
export function errorAnswer(error: unknown): { status: number; body: ApiErrorBody } {
  const status = error instanceof ApiError ? error.status : 500;
  const message = error instanceof Error ? error.message : String(error);
  const errorCode = error instanceof ApiError ? error.errorCode : undefined;
  return { status, body: apiErrorBody(status, message, errorCode) };
}
