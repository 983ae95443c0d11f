import { mockIPC } from "@tauri-apps/api/mocks";
import { commands, PERMISSION_LABELS, PERMISSION_MISSING, toAppError } from "./index";
import { deniedReason, describeError } from "../lib/errors";
import type { ErrorKind } from "./bindings";

describe("api", () => {
  // The generated calls send the arguments under the names the Rust commands declare
  // (camelCase on the IPC); `CommandMap` types the UI tests' mocks from the same signatures.
  it("passes camelCase arguments to the commands", async () => {
    const seen: [string, unknown][] = [];
    mockIPC((cmd, args) => {
      seen.push([cmd, args]);
      return null;
    });
    await commands.getClient("c1", "k1");
    await commands.deleteClient("c1", "k1");
    await commands.createClient("c1", { name: "w", permissions: [] });
    await commands.importOrganization(null, "text", true, { color: "teal", production: true });
    await commands.copyPendingSecret("env");
    await commands.savePendingSecret("json");
    await commands.openLink("https://example.com");
    expect(seen).toEqual([
      ["get_client", { clusterId: "c1", clientId: "k1" }],
      ["delete_client", { clusterId: "c1", clientId: "k1" }],
      ["create_client", { clusterId: "c1", input: { name: "w", permissions: [] } }],
      ["import_organization", { name: null, text: "text", sessionOnly: true, marks: { color: "teal", production: true } }],
      ["copy_pending_secret", { field: "env" }],
      ["save_pending_secret", { format: "json" }],
      ["open_link", { url: "https://example.com" }],
    ]);
  });

  it("rejects with the backend's AppError, normalized", async () => {
    mockIPC(() => {
      throw { kind: "rate_limited", message: "slow down", retryAfterSecs: 7 };
    });
    await expect(commands.listClusters()).rejects.toEqual({
      kind: "rate_limited", message: "slow down", permission: null, retryAfterSecs: 7, status: null,
    });
  });

  it("rejects with an internal AppError for Tauri's own failures", async () => {
    mockIPC(() => {
      throw "Command list_clusters not allowed by ACL";
    });
    await expect(commands.listClusters()).rejects.toMatchObject({
      kind: "internal", message: "Command list_clusters not allowed by ACL",
    });
  });

  it("turns anything else into an internal AppError", () => {
    expect(toAppError("Command list_clusters not found")).toMatchObject({ kind: "internal", message: "Command list_clusters not found" });
    expect(toAppError(new Error("boom"))).toMatchObject({ kind: "internal", message: "boom" });
    expect(toAppError({ kind: 5, message: "x" })).toMatchObject({ kind: "internal" });
    expect(toAppError({ kind: "network" })).toMatchObject({ kind: "internal" });
    expect(toAppError(null)).toMatchObject({ kind: "internal" });
  });

  // The words are the app's (Rust's `AppError.message`, tested where they are written,
  // src-tauri/src/error/api.rs); the UI shows them and adds only its own countdown.
  it("shows the app's message for every error kind, with the countdown of a rate limit", () => {
    const kinds: ErrorKind[] = [
      "validation", "invalid_credentials", "unauthorized", "forbidden", "not_found", "conflict", "not_ready",
      "server", "timeout", "outcome_unknown", "network", "decode", "keychain_unavailable",
      "no_organization", "invalid_input", "io", "internal",
    ];
    for (const kind of kinds) {
      const t = describeError({ kind, message: ` ${kind} said the app `, permission: null, retryAfterSecs: 9, status: 503 });
      expect(t.title, kind).toBe(`${kind} said the app`);
    }
    const limited = { kind: "rate_limited", message: "Slow down.", permission: null, retryAfterSecs: 9, status: 429 } as const;
    expect(describeError(limited).title).toBe("Slow down. Retrying in 9 s.");
    expect(describeError(limited, 3).title).toBe("Slow down. Retrying in 3 s.");
    expect(describeError({ ...limited, kind: "internal", message: "" }).title).toBe("Something went wrong.");
  });

  it("words a missing permission as the app does, and names each permission once", () => {
    expect(deniedReason(["delete_clusters"], "delete_clusters")).toBe(PERMISSION_MISSING.delete_clusters);
    expect(deniedReason(["delete_clusters"], "get_clusters")).toBeNull();
    expect(PERMISSION_MISSING.delete_clusters).toContain(`“${PERMISSION_LABELS.delete_clusters}”`);
  });
});
