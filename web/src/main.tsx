// Entry point of the release desk page.

import { render } from "preact";
import { App } from "./app.js";
import "./style.css";

const root = document.getElementById("app")!;
root.textContent = ""; // the "loading" line of index.html
render(<App />, root);
