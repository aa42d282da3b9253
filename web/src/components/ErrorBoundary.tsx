// The last line: a render that throws shows what went wrong and how to
// recover, never a white screen. Reloading keeps the reader's preferences
// (localStorage) and signs nobody out.
import { Component, type ComponentChildren } from "preact";
import { errorText } from "../logic/settle.js";

interface State {
  error: string | null;
}

export class ErrorBoundary extends Component<{ children: ComponentChildren }, State> {
  override state: State = { error: null };

  static override getDerivedStateFromError(error: unknown): State {
    return { error: errorText(error) };
  }

  override componentDidCatch(error: unknown): void {
    console.error("The inbox page failed to render:", error);
  }

  override render() {
    if (this.state.error === null) return this.props.children;
    return (
      <main class="content crashed">
        <h1>The inbox page stopped</h1>
        <p role="alert">
          Something went wrong while showing the codes: <code>{this.state.error}</code>
        </p>
        <p>
          Reload the page to start again; you stay signed in and your settings are kept. Codes that
          arrived meanwhile are not lost: the inbox stores them.
        </p>
        <p>
          <button type="button" class="button" onClick={() => location.reload()}>
            Reload the page
          </button>{" "}
          <button type="button" class="button quiet" onClick={() => this.setState({ error: null })}>
            Try to continue
          </button>
        </p>
      </main>
    );
  }
}
