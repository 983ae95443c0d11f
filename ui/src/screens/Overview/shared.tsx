// What both tabs of All organizations share: the organization cell and the banner and the row of
// an organization that could not be listed (opening something in its organization: app/useOpenInOrganization).
import { TableCell, TableRow } from "@carbon/react";
import type { AppError, OrgColor } from "../../api";
import { ErrorNotice } from "../../components/ErrorNotice";
import { OrgSwatch, ProductionTag } from "../../components/OrgMark";
import { describeError } from "../../lib/errors";
import { asOf } from "../../lib/time";

/** What a row knows of its organization. */
export type OrgPart = {
  organizationId: string;
  organizationName: string;
  color: OrgColor;
  production: boolean;
  error: AppError | null;
  /** Set when this organization's rows are its last-known ones (it could not be listed now, or this is the list kept on disk). */
  keptAt: string | null;
};

/** " (and 2 as last listed)" for the organizations that could not be listed but show their kept rows. */
export function keptNote(failed: readonly { keptAt: string | null }[]): string {
  const n = failed.filter((o) => o.keptAt).length;
  return n ? ` (and ${n} as last listed)` : "";
}

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

/**
 * One alert per organization that could not be listed, each with Retry; the others stay shown.
 * One whose last-known rows are shown instead says how old they are.
 */
export function OrgFailures({ orgs, what, onRetry }: { orgs: readonly OrgPart[]; what: string; onRetry: () => void }) {
  return (
    <>
      {orgs.map((o) =>
        o.error ? (
          <div key={o.organizationId} className="skep-banner" role="alert" aria-label={`${o.organizationName} could not be ${o.keptAt ? "refreshed" : "listed"}`}>
            <ErrorNotice
              error={o.error}
              onRetry={onRetry}
              title={
                o.keptAt
                  ? `The ${what} of “${o.organizationName}” could not be refreshed — showing them as of ${asOf(o.keptAt)}`
                  : `The ${what} of “${o.organizationName}” could not be listed`
              }
            />
          </div>
        ) : null,
      )}
    </>
  );
}
