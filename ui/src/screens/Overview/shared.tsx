// What both tabs of All organizations share: the organization cell and the banner and the row of
// an organization that could not be listed (opening something in its organization: app/useOpenInOrganization).
import { TableCell, TableRow } from "@carbon/react";
import type { AppError, OrgColor } from "../../api";
import { ErrorNotice } from "../../components/ErrorNotice";
import { OrgSwatch, ProductionTag } from "../../components/OrgMark";
import { describeError } from "../../lib/errors";

/** What a row knows of its organization. */
export type OrgPart = {
  organizationId: string;
  organizationName: string;
  color: OrgColor;
  production: boolean;
  error: AppError | null;
};

/** The organization's colour, name (cut with an ellipsis, whole in the tooltip) and Production tag. */
export function OrgCell({ org }: { org: OrgPart }) {
  return (
    <span className="skep-org-cell" title={org.organizationName}>
      <OrgSwatch color={org.color} />
      <span className="skep-org-name">{org.organizationName}</span>
      {org.production ? <ProductionTag /> : null}
    </span>
  );
}

/** The row of an organization that could not be listed, in its place among the others: why. */
export function FailedOrgRow({ org, rowIndex, columns }: { org: OrgPart; rowIndex: number; columns: number }) {
  const why = org.error ? describeError(org.error).title : undefined;
  return (
    <TableRow aria-rowindex={rowIndex} className="skep-overview-failed">
      <TableCell>
        <OrgCell org={org} />
      </TableCell>
      <TableCell colSpan={columns - 1}>
        <span className="skep-overview-failed__text" title={why}>
          {`Not listed: ${why ?? "no answer"}`}
        </span>
      </TableCell>
    </TableRow>
  );
}

/** One alert per organization that could not be listed, each with Retry; the others stay shown. */
export function OrgFailures({ orgs, what, onRetry }: { orgs: readonly OrgPart[]; what: string; onRetry: () => void }) {
  return (
    <>
      {orgs.map((o) =>
        o.error ? (
          <div key={o.organizationId} className="skep-banner" role="alert" aria-label={`${o.organizationName} could not be listed`}>
            <ErrorNotice error={o.error} onRetry={onRetry} title={`The ${what} of “${o.organizationName}” could not be listed`} />
          </div>
        ) : null,
      )}
    </>
  );
}
