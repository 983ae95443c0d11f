import { Tag } from "@carbon/react";
import type { Organization, OrgColor } from "../api";

/** The colours an organization can be marked with, as the settings offer them. */
export const ORG_COLORS: { color: OrgColor; label: string }[] = [
  { color: "blue", label: "Blue" },
  { color: "teal", label: "Teal" },
  { color: "green", label: "Green" },
  { color: "purple", label: "Purple" },
  { color: "magenta", label: "Magenta" },
  { color: "cyan", label: "Cyan" },
  { color: "red", label: "Red" },
  { color: "gray", label: "Gray" },
];

export function colorLabel(c: OrgColor): string {
  return ORG_COLORS.find((o) => o.color === c)?.label ?? c;
}

/** A small square of the organization's colour (decorative: the name is always beside it). */
export function OrgSwatch({ color }: { color: OrgColor }) {
  return <span className={`skep-swatch skep-swatch--${color}`} aria-hidden="true" />;
}

/** The red "Production" tag of an organization the user marked production. */
export function ProductionTag({ size = "sm" }: { size?: "sm" | "md" }) {
  return (
    <Tag type="red" size={size} className="skep-production-tag">
      Production
    </Tag>
  );
}

/** "Organization: ▪ Acme Corp [Production]" — the line every destructive dialog starts with. */
export function OrgLine({ org }: { org: Organization }) {
  return (
    <p className="skep-org-line">
      <OrgSwatch color={org.color} />
      <span>
        Organization: <strong>{org.name}</strong>
      </span>
      {org.production ? <ProductionTag /> : null}
    </p>
  );
}
