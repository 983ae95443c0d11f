import { screen, waitFor, within } from "@testing-library/react";
import { appError, findCluster, sandboxOrg } from "../../test/fixtures";
import type { Handlers } from "../../test/ipc";
import { openOrdersProd } from "./testSupport";

const offer = { from: "Camunda 8.7", to: "Camunda 8.8.1" };

function handlers(over: Handlers = {}): Handlers {
  let upgraded = false;
  return {
    get_cluster: (a) => ({ ...findCluster(a.clusterId), ...(upgraded ? { state: "Updating", generation: offer.to } : {}) }),
    upgrade_offer: () => (upgraded ? null : offer),
    upgrade_cluster: () => {
      upgraded = true;
      return offer;
    },
    ...over,
  };
}

describe("Upgrade", () => {
  it("offers the newer generation; the confirm dialog says it is permanent; the cluster shows Updating", async () => {
    const { user, calls } = await openOrdersProd(handlers());
    const notice = (await screen.findByText("Upgrade available")).closest("[role=status],[role=alert],.cds--actionable-notification") as HTMLElement;
    expect(within(notice).getByText(/Camunda 8\.8\.1 is available for this cluster \(it runs Camunda 8\.7\)/)).toBeInTheDocument();
    await user.click(within(notice).getByRole("button", { name: "Upgrade…" }));
    const dialog = await screen.findByRole("dialog", { name: "Upgrade cluster" });
    expect(within(dialog).getByText(/permanent: the cluster cannot go back to Camunda 8\.7/)).toBeInTheDocument();
    expect(within(dialog).getByText(/must be Healthy to start/)).toBeInTheDocument();
    expect(calls.some((c) => c.cmd === "upgrade_cluster")).toBe(false);
    await user.click(within(dialog).getByRole("button", { name: "Upgrade cluster" }));
    await waitFor(() => expect(screen.queryByRole("dialog", { name: "Upgrade cluster" })).not.toBeInTheDocument());
    expect(await screen.findAllByText("Updating")).not.toHaveLength(0);
    await waitFor(() => expect(screen.queryByText("Upgrade available")).not.toBeInTheDocument());
  });

  it("a refusal is said in the dialog, which stays open", async () => {
    const { user } = await openOrdersProd(
      handlers({
        upgrade_cluster: () => {
          throw appError("not_ready", { message: "The cluster is not ready for an upgrade: it must be Healthy." });
        },
      }),
    );
    await user.click(await screen.findByRole("button", { name: "Upgrade…" }));
    const dialog = await screen.findByRole("dialog", { name: "Upgrade cluster" });
    await user.click(within(dialog).getByRole("button", { name: "Upgrade cluster" }));
    expect(await within(dialog).findByText(/not ready for an upgrade/)).toBeInTheDocument();
  });

  it("without the permission the offer says why and has no button", async () => {
    await openOrdersProd(handlers(), { ...sandboxOrg, deniedPermissions: ["create_clusters"] });
    expect(await screen.findByText("Upgrade available")).toBeInTheDocument();
    expect(screen.queryByRole("button", { name: "Upgrade…" })).not.toBeInTheDocument();
    expect(screen.getByText(/is available for this cluster/).textContent).toMatch(/Create clusters/);
  });
});
