import { screen, waitFor, within } from "@testing-library/react";
import type { ClusterView, SecureConnectivityView } from "../../api";
import { appError, findCluster, sandboxOrg } from "../../test/fixtures";
import type { Handlers } from "../../test/ipc";
import { openOrdersProd } from "./testSupport";

const KEY = "arn:aws:kms:eu-central-1:123456789012:key/1234abcd";
const off: SecureConnectivityView = {
  available: true, unavailable: null, active: false, allowedPrincipals: [], allowedRegions: [],
  serviceName: null, privateDnsName: null, connectionCount: null, conditions: [],
};

function store(encryption: ClusterView["encryption"], link: SecureConnectivityView = off) {
  let cluster: ClusterView = { ...findCluster("c1"), encryption };
  let state = structuredClone(link);
  const handlers = {
    get_cluster: () => cluster,
    set_encryption_keys: (a: { clusterId: string; primaryKeyArn: string; secondaryKeyArn: string | null }) => {
      if (!a.primaryKeyArn.startsWith("arn:")) throw appError("invalid_input", { message: "“x” is not an AWS KMS key ARN." });
      cluster = { ...cluster, encryption: { kind: "External", status: "Ready", primaryKeyArn: a.primaryKeyArn, secondaryKeyArn: a.secondaryKeyArn } };
      return null;
    },
    get_secure_connectivity: () => structuredClone(state),
    activate_secure_connectivity: (a: { clusterId: string; allowedPrincipals: string[]; allowedRegions: string[] }) => {
      state = { ...state, active: true, allowedPrincipals: a.allowedPrincipals, allowedRegions: a.allowedRegions, serviceName: "com.amazonaws.vpce.eu-central-1.vpce-svc-1", connectionCount: 0 };
      return null;
    },
    deactivate_secure_connectivity: () => {
      state = structuredClone(off);
      return null;
    },
  } satisfies Handlers;
  return handlers;
}

async function openTab(handlers: Handlers, org = sandboxOrg) {
  const started = await openOrdersProd(handlers, org);
  await started.user.click(screen.getByRole("tab", { name: "Settings" }));
  const panel = await screen.findByRole("region", { name: "Settings" });
  return { ...started, panel };
}

describe("Settings tab", () => {
  it("sets the keys of a BYOK cluster behind a dialog that says what they do", async () => {
    const { user, panel, calls } = await openTab(
      store({ kind: "External", status: "ExternalEncryptionKeyNotSupplied", primaryKeyArn: null, secondaryKeyArn: null }),
    );
    const encryption = within(panel).getByRole("region", { name: "Encryption" });
    expect(within(encryption).getByText(/No key set yet/)).toBeInTheDocument();
    await user.click(within(encryption).getByRole("button", { name: "Set keys…" }));
    const dialog = await screen.findByRole("dialog", { name: "Encryption keys" });
    expect(within(dialog).getByText(/cannot be read/)).toBeInTheDocument();
    await user.type(within(dialog).getByRole("textbox", { name: "Primary key ARN" }), "x{Enter}");
    expect(await within(dialog).findByText("“x” is not an AWS KMS key ARN.")).toBeInTheDocument();
    const field = within(dialog).getByRole("textbox", { name: "Primary key ARN" });
    await user.clear(field);
    await user.type(field, `${KEY}{Enter}`);
    await waitFor(() => expect(screen.queryByRole("dialog", { name: "Encryption keys" })).not.toBeInTheDocument());
    expect(calls.filter((c) => c.cmd === "set_encryption_keys").at(-1)?.args).toEqual({
      clusterId: "c1", primaryKeyArn: KEY, secondaryKeyArn: null,
    });
    expect(await within(encryption).findByText(/Ready: the cluster's data is encrypted with your keys/)).toBeInTheDocument();
    expect(within(encryption).getByText(KEY)).toBeInTheDocument();
    expect(within(encryption).getByRole("button", { name: "Rotate keys…" })).toBeInTheDocument();
  });

  it("says customer-managed keys are chosen at creation on other clusters", async () => {
    const { panel } = await openTab(store({ kind: "Software", status: null, primaryKeyArn: null, secondaryKeyArn: null }));
    expect(within(panel).getByText("Keys managed by Camunda (software)")).toBeInTheDocument();
    expect(within(panel).getByText(/chosen when a cluster is created/)).toBeInTheDocument();
    expect(within(panel).queryByRole("button", { name: "Set keys…" })).not.toBeInTheDocument();
  });

  it("activates secure connectivity for the principals entered, shows the endpoint service, deactivates after confirmation", async () => {
    const { user, panel, calls } = await openTab(store(null));
    const link = within(panel).getByRole("region", { name: "Secure connectivity" });
    await user.click(await within(link).findByRole("button", { name: "Activate…" }));
    const dialog = await screen.findByRole("dialog", { name: "Activate secure connectivity" });
    const activate = within(dialog).getByRole("button", { name: "Activate" });
    expect(activate).toBeDisabled();
    await user.type(within(dialog).getByRole("textbox", { name: "Allowed AWS principals" }), "arn:aws:iam::123456789012:root{Enter}{Enter}arn:aws:iam::210987654321:role/ops");
    await user.type(within(dialog).getByRole("textbox", { name: "Allowed AWS regions" }), "eu-central-1");
    await user.click(activate);
    expect(await within(link).findByText("com.amazonaws.vpce.eu-central-1.vpce-svc-1")).toBeInTheDocument();
    expect(calls.find((c) => c.cmd === "activate_secure_connectivity")?.args).toEqual({
      clusterId: "c1",
      allowedPrincipals: ["arn:aws:iam::123456789012:root", "arn:aws:iam::210987654321:role/ops"],
      allowedRegions: ["eu-central-1"],
    });
    await user.click(within(link).getByRole("button", { name: "Deactivate…" }));
    const confirm = await screen.findByRole("dialog", { name: "Deactivate secure connectivity" });
    expect(within(confirm).getByText(/stop working at once/)).toBeInTheDocument();
    await user.click(within(confirm).getByRole("button", { name: "Deactivate" }));
    expect(await within(link).findByText("Secure connectivity is not active on this cluster.")).toBeInTheDocument();
  });

  it("says where it is not offered, and disables changes without Create clusters", async () => {
    const { panel } = await openTab(
      { ...store({ kind: "External", status: "Ready", primaryKeyArn: KEY, secondaryKeyArn: null }, { ...off, available: false, unavailable: "Secure connectivity is only available on the Enterprise plan for clusters in AWS regions" }) },
      { ...sandboxOrg, deniedPermissions: ["create_clusters"] },
    );
    expect(await within(panel).findByText(/Not offered for this cluster: Secure connectivity is only available/)).toBeInTheDocument();
    const rotate = within(panel).getByRole("button", { name: "Rotate keys…" });
    expect(rotate).toBeDisabled();
    expect(rotate).toHaveAccessibleDescription(/Create clusters/);
  });
});
