import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import "./styles.scss";
import { App } from "./app/App";
import { mark } from "./lib/marks";
import { startInitialLoads } from "./api/startup";

const root = document.getElementById("root");
if (root) {
  mark("skep:main", {});
  startInitialLoads();
  createRoot(root).render(
    <StrictMode>
      <App />
    </StrictMode>,
  );
}
