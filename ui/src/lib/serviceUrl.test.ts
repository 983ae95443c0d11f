import table from "../../../crates/console-api/tests/fixtures/service-urls.json";
import { emptyInput, inputErrors } from "../screens/AddOrganization/CredentialsFields";
import { serviceUrlProblem } from "./serviceUrl";

describe("serviceUrlProblem", () => {
  // The same table as console-api's `config::tests::service_urls_follow_the_shared_table`.
  it("follows the shared table (crates/console-api/tests/fixtures/service-urls.json)", () => {
    expect(table.cases.length).toBeGreaterThan(40);
    const wrong = table.cases
      .map(({ url, allowed }) => ({ url, allowed, problem: serviceUrlProblem(url) }))
      .filter(({ allowed, problem }) => (problem === null) !== allowed)
      .map(({ url, allowed, problem }) => `${JSON.stringify(url)}: expected allowed=${allowed}, got ${problem ?? "allowed"}`);
    expect(wrong).toEqual([]);
  });

  it("is what the organization form checks, for both URLs", () => {
    const filled = { ...emptyInput(), name: "Acme", clientId: "id", clientSecret: "secret" };
    expect(inputErrors(filled, false)).toEqual({});
    const wrong = table.cases.flatMap(({ url, allowed }) =>
      (["tokenUrl", "apiBaseUrl"] as const)
        .filter((k) => (inputErrors({ ...filled, [k]: url }, false)[k] === undefined) !== allowed)
        .map((k) => `${k}=${JSON.stringify(url)}: expected allowed=${allowed}`),
    );
    expect(wrong).toEqual([]);
  });

  it("says what to fix", () => {
    expect(serviceUrlProblem("http://foo.localhost")).toBe(
      "Use https:// (http:// is allowed only for localhost, 127.x.x.x or [::1])",
    );
    expect(serviceUrlProblem("ftp://127.0.0.1")).toBe("Enter a URL starting with https://");
    expect(serviceUrlProblem("https://me:pw@example.com")).toBe("Remove the user name and password from the URL.");
    expect(serviceUrlProblem("https://example.com/?")).toBe("Remove the query (?…) or fragment (#…) from the URL.");
  });
});
