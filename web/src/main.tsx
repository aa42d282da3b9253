import { render } from "preact";
import { App } from "./components/App.js";
import { ErrorBoundary } from "./components/ErrorBoundary.js";
import { firebaseInboxData } from "./data/firebase-inbox-data.js";
import "./styles.css";

// Resolved at build time (vite.config.ts): the bundle carries only its own mode's settings.
const config = __INBOX_CONFIG__;
const root = document.getElementById("app");
if (!root) throw new Error("index.html has no #app element");

render(
  <ErrorBoundary>
    <App
      data={firebaseInboxData(config)}
      retentionMinutes={config.retentionMinutes}
      accessContact={config.accessContact}
      localStack={config.emulators !== undefined}
    />
  </ErrorBoundary>,
  root,
);
