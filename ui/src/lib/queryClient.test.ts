import { MutationObserver, QueryObserver } from "@tanstack/react-query";
import { waitFor } from "@testing-library/react";
import type { ErrorKind } from "../api";
import { appError, orgsState } from "../test/fixtures";
import { createQueryClient, queryKeys } from "./queryClient";

/** A query client with the organizations shown (an active query) and how often they were read. */
async function withOrganizations() {
  const client = createQueryClient();
  const readOrgs = vi.fn(async () => orgsState());
  const observer = new QueryObserver(client, { queryKey: queryKeys.organizations, queryFn: readOrgs });
  const stop = observer.subscribe(() => undefined);
  await waitFor(() => expect(readOrgs).toHaveBeenCalledTimes(1));
  return { client, readOrgs, stop };
}

const failing = (kind: ErrorKind) => () => Promise.reject(appError(kind, { permission: "get_clusters" }));

describe("the query client", () => {
  it("reads the organizations again after a 403 of any read", async () => {
    const { client, readOrgs, stop } = await withOrganizations();
    await client.fetchQuery({ queryKey: queryKeys.clusters("acme"), queryFn: failing("forbidden") }).catch(() => null);
    await waitFor(() => expect(readOrgs).toHaveBeenCalledTimes(2));
    stop();
  });

  it("reads the organizations again after a 403 of any action", async () => {
    const { client, readOrgs, stop } = await withOrganizations();
    await new MutationObserver(client, { mutationFn: failing("forbidden") }).mutate().catch(() => null);
    await waitFor(() => expect(readOrgs).toHaveBeenCalledTimes(2));
    stop();
  });

  it("does not for other errors, and retries nothing by itself", async () => {
    const { client, readOrgs, stop } = await withOrganizations();
    const read = vi.fn(failing("server"));
    await client.fetchQuery({ queryKey: queryKeys.allClients("acme"), queryFn: read }).catch(() => null);
    const act = vi.fn(failing("network"));
    await new MutationObserver(client, { mutationFn: act }).mutate().catch(() => null);
    await new Promise((r) => setTimeout(r, 50));
    expect(read).toHaveBeenCalledTimes(1);
    expect(act).toHaveBeenCalledTimes(1);
    expect(readOrgs).toHaveBeenCalledTimes(1);
    stop();
  });

  it("keeps the last data when a refresh fails", async () => {
    const client = createQueryClient();
    const key = queryKeys.clusters("acme");
    let fail = false;
    const observer = new QueryObserver(client, {
      queryKey: key,
      queryFn: async () => {
        if (fail) throw appError("timeout");
        return ["orders-prod"];
      },
    });
    const stop = observer.subscribe(() => undefined);
    await waitFor(() => expect(observer.getCurrentResult().data).toEqual(["orders-prod"]));
    fail = true;
    await observer.refetch();
    const r = observer.getCurrentResult();
    expect(r.data).toEqual(["orders-prod"]);
    expect(r.error?.kind).toBe("timeout");
    stop();
  });
});
