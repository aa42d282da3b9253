// "View email": the message as its reader would see it, read on demand and
// shown in a sandboxed frame under its own CSP (logic/email-frame.ts says why
// each layer is there). Loaded lazily: most visits never open an email.
import { useEffect, useRef, useState } from "preact/hooks";
import { emailOf, subjectLine } from "../logic/email.js";
import { EMAIL_FRAME_SANDBOX, emailSrcdoc } from "../logic/email-frame.js";
import { errorText } from "../logic/settle.js";
import type { EmailBody, InboxCode } from "../logic/types.js";

export interface EmailViewerProps {
  code: InboxCode;
  /** Whom the email is for, as the page shows them. */
  who: string;
  /** Codes are masked: the email (which shows its code) waits for a click. */
  masked: boolean;
  readBody(codeId: string): Promise<EmailBody | null>;
  onClose(): void;
}

type Body =
  | { kind: "loading" }
  | { kind: "shown"; srcdoc: string }
  | { kind: "gone" }
  | { kind: "failed"; message: string };

/** A modal dialog (native <dialog>: focus trap and Esc for free) holding the email. */
export function EmailViewer({ code, who, masked, readBody, onClose }: EmailViewerProps) {
  const dialog = useRef<HTMLDialogElement>(null);
  const [body, setBody] = useState<Body>({ kind: "loading" });
  // While codes are masked the email is a reveal: a presenter opens it on purpose.
  const [shown, setShown] = useState(!masked);
  const email = emailOf(code);
  const subject = subjectLine(code, masked && !shown);

  useEffect(() => {
    const el = dialog.current;
    if (el && !el.open) el.showModal();
  }, []);

  useEffect(() => {
    let current = true;
    readBody(code.id).then(
      (found) =>
        current &&
        setBody(found ? { kind: "shown", srcdoc: emailSrcdoc(found.html) } : { kind: "gone" }),
      (error: unknown) => current && setBody({ kind: "failed", message: errorText(error) }),
    );
    return () => {
      current = false;
    };
  }, [code.id, readBody]);

  return (
    <dialog
      ref={dialog}
      class="email-viewer"
      aria-labelledby="email-viewer-title"
      onClose={onClose}
    >
      <div class="email-viewer-head">
        <h2 id="email-viewer-title">{subject}</h2>
        <dl class="email-meta">
          <div>
            <dt>To</dt>
            <dd translate={false}>
              {who !== code.recipient ? `${who} <${code.recipient}>` : code.recipient}
            </dd>
          </div>
          {email.from && (
            <div>
              <dt>From</dt>
              <dd translate={false}>{email.from}</dd>
            </div>
          )}
        </dl>
        <p class="email-safety muted">
          Shown safely: no script runs and nothing loads from the internet, so remote images stay
          blank. A link opens only when you click it, in a new tab.
        </p>
      </div>
      {body.kind === "loading" && (
        <p class="email-status" role="status">
          Loading the email…
        </p>
      )}
      {body.kind === "gone" && (
        <p class="email-status" role="status">
          This email's content is no longer stored: it expired with its code.
        </p>
      )}
      {body.kind === "failed" && (
        <p class="email-status" role="alert">
          The email could not be loaded: {body.message}
        </p>
      )}
      {body.kind === "shown" &&
        (shown ? (
          <iframe
            class="email-frame"
            title={`Email: ${subject}`}
            sandbox={EMAIL_FRAME_SANDBOX}
            srcdoc={body.srcdoc}
            referrerpolicy="no-referrer"
          />
        ) : (
          <p class="email-status">
            Codes are masked, and this email shows its code.{" "}
            <button type="button" class="button" onClick={() => setShown(true)}>
              Show the email
            </button>
          </p>
        ))}
      <form method="dialog" class="email-viewer-foot">
        <button type="submit" class="button">
          Close
        </button>
      </form>
    </dialog>
  );
}
