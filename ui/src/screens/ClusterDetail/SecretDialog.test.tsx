import { act, screen, waitFor, within, fireEvent } from "@testing-library/react";
import { emit } from "@tauri-apps/api/event";
import { appError, clients } from "../../test/fixtures";
import { createWorker9, created, openOrdersProd, SECRET } from "./testSupport";

const CONFIRM = "I have copied or downloaded the secret";

async function setup(extra: Parameters<typeof openOrdersProd>[0] = {}) {
  const { calls, user } = await openOrdersProd({
    create_client: () => created,
    copy_pending_secret: () => null,
    save_pending_secret: (a) => `/home/me/worker-9.${a.format === "properties" ? "properties" : a.format}`,
    acknowledge_pending_secret: () => null,
    ...extra,
  });
  const dialog = await createWorker9(user);
  return { calls, user, dialog };
}

describe("Copy-once secret dialog", () => {
  it("shows the client id and the secret masked until Reveal", async () => {
    const { user, dialog } = await setup();
    expect(within(dialog).getByText("worker-9-id")).toBeInTheDocument();
    expect(document.body.textContent).not.toContain(SECRET);
    await user.click(within(dialog).getByRole("button", { name: "Reveal secret" }));
    expect(within(dialog).getByText(SECRET)).toBeInTheDocument();
    await user.click(within(dialog).getByRole("button", { name: "Hide secret" }));
    expect(document.body.textContent).not.toContain(SECRET);
  });

  it("copies id, secret and environment variables through the app", async () => {
    const { calls, user, dialog } = await setup();
    await user.click(within(dialog).getByRole("button", { name: "Copy client ID" }));
    await user.click(within(dialog).getByRole("button", { name: "Copy client secret" }));
    await user.click(within(dialog).getByRole("button", { name: "Copy as environment variables" }));
    await waitFor(() =>
      expect(calls.filter((c) => c.cmd === "copy_pending_secret").map((c) => c.args.field)).toEqual([
        "id", "secret", "env",
      ]),
    );
    expect(within(dialog).getByText(/Environment variables copied/)).toBeInTheDocument();
  });

  it("saves as .env, Spring Boot properties and JSON, and says where", async () => {
    const { calls, user, dialog } = await setup();
    await user.click(within(dialog).getByRole("button", { name: "Save as .env" }));
    expect(await within(dialog).findByText(/Saved to \/home\/me\/worker-9\.env/)).toBeInTheDocument();
    await user.click(within(dialog).getByRole("button", { name: "Save as Spring Boot properties" }));
    await user.click(within(dialog).getByRole("button", { name: "Save as JSON" }));
    await waitFor(() =>
      expect(calls.filter((c) => c.cmd === "save_pending_secret").map((c) => c.args.format)).toEqual([
        "env", "properties", "json",
      ]),
    );
  });

  it("shows a failed copy as an error and stays open", async () => {
    const { user, dialog } = await setup({
      copy_pending_secret: () => {
        throw appError("internal", { message: "clipboard unavailable" });
      },
    });
    await user.click(within(dialog).getByRole("button", { name: "Copy client secret" }));
    expect(await within(dialog).findByText("clipboard unavailable")).toBeInTheDocument();
  });

  it("cannot be closed with Escape before confirming", async () => {
    const { user } = await setup();
    await user.keyboard("{Escape}");
    const dialog = screen.getByRole("dialog", { name: "Client secret" });
    expect(within(dialog).getByRole("alert")).toHaveTextContent(/Confirm that you have copied or downloaded/);
    expect(within(dialog).getByRole("checkbox", { name: CONFIRM })).toHaveFocus();
  });

  it("cannot be closed by clicking outside", async () => {
    const { dialog } = await setup();
    const backdrop = dialog.closest(".cds--modal") ?? dialog.parentElement!;
    fireEvent.mouseDown(backdrop);
    fireEvent.click(backdrop);
    expect(screen.getByRole("dialog", { name: "Client secret" })).toBeInTheDocument();
  });

  it("cannot be closed with the close button before confirming", async () => {
    const { calls, user, dialog } = await setup();
    await user.click(within(dialog).getByRole("button", { name: "Close" }));
    expect(screen.getByRole("dialog", { name: "Client secret" })).toBeInTheDocument();
    expect(within(dialog).getByRole("alert")).toBeInTheDocument();
    expect(within(dialog).getByRole("button", { name: "Done" })).toBeDisabled();
    expect(calls.some((c) => c.cmd === "acknowledge_pending_secret")).toBe(false);
  });

  it("asks for confirmation when the window close is attempted", async () => {
    const { calls, dialog } = await setup();
    await act(async () => {
      await emit("pending-secret-close-requested");
    });
    expect(await within(dialog).findByRole("alert")).toHaveTextContent(/window stays open until you confirm/);
    expect(screen.getByRole("dialog", { name: "Client secret" })).toBeInTheDocument();
    expect(calls.some((c) => c.cmd === "close_window")).toBe(false);
  });

  it("closes the window after confirming when its close was attempted", async () => {
    const { calls, user, dialog } = await setup({ close_window: () => null });
    await act(async () => {
      await emit("pending-secret-close-requested");
    });
    await within(dialog).findByRole("alert");
    await user.click(within(dialog).getByRole("checkbox", { name: CONFIRM }));
    await user.click(within(dialog).getByRole("button", { name: "Done" }));
    await waitFor(() => expect(calls.some((c) => c.cmd === "close_window")).toBe(true));
    const order = calls.map((c) => c.cmd).filter((c) => c === "acknowledge_pending_secret" || c === "close_window");
    expect(order).toEqual(["acknowledge_pending_secret", "close_window"]);
  });

  it("closes after confirming, acknowledges, and the secret is gone", async () => {
    let made = false;
    const { calls, user, dialog } = await setup({
      create_client: () => {
        made = true;
        return created;
      },
      list_clients: () => (made ? [...clients, { name: "worker-9", clientId: "worker-9-id", permissions: ["Zeebe"] }] : clients),
    });
    await user.click(within(dialog).getByRole("button", { name: "Reveal secret" }));
    await user.click(within(dialog).getByRole("checkbox", { name: CONFIRM }));
    await user.click(within(dialog).getByRole("button", { name: "Done" }));
    await waitFor(() => expect(screen.queryByRole("dialog")).not.toBeInTheDocument());
    expect(calls.filter((c) => c.cmd === "acknowledge_pending_secret")).toHaveLength(1);
    expect(document.body.innerHTML).not.toContain(SECRET);
    // the new client is listed (without any secret)
    expect(await screen.findByRole("link", { name: "worker-9" })).toBeInTheDocument();
  });

  it("stays open when acknowledging fails", async () => {
    const { user, dialog } = await setup({
      acknowledge_pending_secret: () => {
        throw appError("internal", { message: "could not forget" });
      },
    });
    await user.click(within(dialog).getByRole("checkbox", { name: CONFIRM }));
    await user.click(within(dialog).getByRole("button", { name: "Done" }));
    expect(await within(dialog).findByText("could not forget")).toBeInTheDocument();
  });
});
