import { screen, waitFor, within } from "@testing-library/react";
import { appError, sandboxOrg } from "../../test/fixtures";
import { openOrdersProd } from "../ClusterDetail/testSupport";

const details = {
  clusterId: "c1", name: "worker-1", clientId: "worker-1-id", zeebeAddress: "c1.bru-2.zeebe.camunda.io:443",
  authorizationServerUrl: "https://login.cloud.camunda.io/oauth/token",
  credentialsFile: "export ZEEBE_ADDRESS='c1.bru-2.zeebe.camunda.io:443'\nexport ZEEBE_CLIENT_ID='worker-1-id'\n",
};

describe("Client details", () => {
  it("shows the connection information with Copy buttons and the credentials file without a secret", async () => {
    const { calls, user } = await openOrdersProd({ get_client: () => details }, sandboxOrg, "API clients");
    await user.click(await screen.findByRole("link", { name: "worker-1" }));
    expect(await screen.findByRole("heading", { name: "Client “worker-1”" })).toBeInTheDocument();
    expect(calls.find((c) => c.cmd === "get_client")?.args).toEqual({ clusterId: "c1", clientId: "worker-1-id" });
    expect(screen.getByLabelText("Credentials file")).toHaveTextContent("ZEEBE_CLIENT_ID='worker-1-id'");
    expect(screen.getByText(/To get a new secret, create a new client/)).toBeInTheDocument();
    await user.click(screen.getByRole("button", { name: "Copy Token URL" }));
    expect(await navigator.clipboard.readText()).toBe(details.authorizationServerUrl);
    await user.click(screen.getByRole("button", { name: "Copy Client ID" }));
    expect(await navigator.clipboard.readText()).toBe("worker-1-id");
    await user.click(screen.getByRole("button", { name: "Copy credentials file" }));
    expect(await navigator.clipboard.readText()).toBe(details.credentialsFile);
  });

  it("explains a 412 in the app's words (the cluster is not ready)", async () => {
    const { user } = await openOrdersProd({
      get_client: () => {
        throw appError("not_ready");
      },
    }, sandboxOrg, "API clients");
    await user.click(await screen.findByRole("link", { name: "worker-1" }));
    expect(await screen.findByText(/not_ready from backend/)).toBeInTheDocument();
  });

  it("deletes the client and goes back to the cluster", async () => {
    const { calls, user } = await openOrdersProd({ get_client: () => details, delete_client: () => null }, sandboxOrg, "API clients");
    await user.click(await screen.findByRole("link", { name: "worker-1" }));
    await user.click(await screen.findByRole("button", { name: "Delete client" }));
    const dialog = await screen.findByRole("dialog", { name: "Delete client worker-1" });
    await user.click(within(dialog).getByRole("button", { name: "Delete client" }));
    expect(await screen.findByRole("heading", { name: "orders-prod" })).toBeInTheDocument();
    await waitFor(() => expect(calls.some((c) => c.cmd === "delete_client")).toBe(true));
  });
});
