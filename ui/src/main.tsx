import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import "./styles.scss";
import { App } from "./app/App";

const root = document.getElementById("root");
if (root) {
  createRoot(root).render(
    <StrictMode>
      <App />
    </StrictMode>,
  );
}
