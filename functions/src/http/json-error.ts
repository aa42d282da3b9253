// The one error shape every HTTP function answers with: a status, a stable
// machine code, and a message that says what to fix.

export interface JsonError<Code extends string = string> {
  status: number;
  code: Code;
  message: string;
  headers?: Record<string, string>;
}

export const jsonError = <Code extends string>(
  status: number,
  code: Code,
  message: string,
  headers?: Record<string, string>,
): JsonError<Code> => (headers ? { status, code, message, headers } : { status, code, message });

export const errorBody = (error: JsonError) => ({
  error: { code: error.code, message: error.message },
});
