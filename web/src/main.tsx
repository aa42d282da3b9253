import { render } from "preact";
import { App } from "./components/App.js";
import { resolveConfig } from "./config.js";
import { firebaseInboxData } from "./data/firebase-inbox-data.js";
import "./styles.css";

const config = resolveConfig(import.meta.env.MODE, import.meta.env);
const root = document.getElementById("app");
if (!root) throw new Error("index.html has no #app element");

render(
  <App
    data={firebaseInboxData(config)}
    retentionMinutes={config.retentionMinutes}
    accessContact={config.accessContact}
    localStack={config.emulators !== undefined}
  />,
  root,
);
