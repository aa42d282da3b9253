// The one table of exit codes every command of the project uses, so a CI job
// can tell a timeout from a typo. Usage is 64 as in BSD's sysexits (EX_USAGE).
export const EXIT = {
  /** Done: the change was made, the code arrived, the check passed. */
  ok: 0,
  /** Refused or failed: a service said no, or something broke on the way. */
  failed: 1,
  /** Nothing arrived in time (wait-for-code). */
  timedOut: 2,
  /** Bad arguments or configuration: nothing was done; the message says what to fix. */
  usage: 64,
} as const;

export type ExitCode = (typeof EXIT)[keyof typeof EXIT];
