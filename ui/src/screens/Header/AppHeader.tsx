import { useRef, useState } from "react";
import {
  Header, HeaderGlobalAction, HeaderGlobalBar, HeaderMenu, HeaderMenuItem, HeaderName, HeaderNavigation, Tag,
} from "@carbon/react";
import { Search, Settings } from "@carbon/icons-react";
import { commands, toAppError, type AppError, type Organization } from "../../api";
import { useApp } from "../../app/AppContext";
import { useOrganizationSwitcher } from "../../app/menu";
import { paletteShortcutLabel } from "../../app/PaletteHost";
import { ErrorNotice } from "../../components/ErrorNotice";
import { colorLabel, OrgSwatch, ProductionTag } from "../../components/OrgMark";

export function orgLabel(o: Organization): string {
  if (o.kind === "sandbox") return /sandbox/i.test(o.name) ? o.name : `${o.name} (Sandbox)`;
  return o.kind === "environment" ? `${o.name} (from environment)` : o.name;
}

/** The app header: the active organization with a switcher, and organization settings. */
export function AppHeader() {
  const app = useApp();
  const active = app.activeOrg;
  const [error, setError] = useState<AppError | null>(null);
  const switcher = useRef<HTMLAnchorElement | null>(null);

  // File → Switch organization…: the organization menu opens with the active one focused.
  useOrganizationSwitcher(() => {
    const button = switcher.current;
    if (!button) return;
    button.focus();
    if (button.getAttribute("aria-expanded") !== "true") button.click();
    setTimeout(() => {
      const items = [...(button.parentElement?.querySelectorAll<HTMLElement>("ul a") ?? [])];
      (items.find((a) => a.getAttribute("aria-current") === "true") ?? items[0])?.focus();
    }, 0);
  });

  const switchTo = async (id: string) => {
    setError(null);
    try {
      app.setOrganizations(await commands.setActiveOrganization(id));
      app.navigate({ kind: "clusters" });
    } catch (e) {
      setError(toAppError(e));
    }
  };

  return (
    <>
      <Header aria-label="Skep" className={active ? `skep-header skep-header--${active.color}` : "skep-header"}>
        <HeaderName
          href="#"
          prefix=""
          onClick={(e: React.MouseEvent) => {
            e.preventDefault();
            app.navigate({ kind: "clusters" });
          }}
        >
          Skep
        </HeaderName>
        <HeaderNavigation aria-label="Skep">
          <HeaderMenuItem
            href="#"
            isActive={app.view.kind === "clusters"}
            onClick={(e: React.MouseEvent) => {
              e.preventDefault();
              app.navigate({ kind: "clusters" });
            }}
          >
            Clusters
          </HeaderMenuItem>
          <HeaderMenuItem
            href="#"
            isActive={app.view.kind === "members"}
            onClick={(e: React.MouseEvent) => {
              e.preventDefault();
              app.navigate({ kind: "members" });
            }}
          >
            Members
          </HeaderMenuItem>
          <HeaderMenuItem
            href="#"
            isActive={app.view.kind === "activity"}
            onClick={(e: React.MouseEvent) => {
              e.preventDefault();
              app.navigate({ kind: "activity" });
            }}
          >
            Activity
          </HeaderMenuItem>
          <HeaderMenuItem
            href="#"
            isActive={app.view.kind === "organizations"}
            onClick={(e: React.MouseEvent) => {
              e.preventDefault();
              app.navigate({ kind: "organizations" });
            }}
          >
            All organizations
          </HeaderMenuItem>
          <HeaderMenu
            focusRef={switcher}
            aria-label={`Organization: ${active ? orgLabel(active) : "none"}`}
            menuLinkName={active ? orgLabel(active) : "No organization"}
          >
            {app.orgs.organizations.map((o) => (
              <HeaderMenuItem
                key={o.id}
                href="#"
                isActive={o.id === active?.id}
                aria-current={o.id === active?.id ? "true" : undefined}
                onClick={(e: React.MouseEvent) => {
                  e.preventDefault();
                  if (o.id !== active?.id) void switchTo(o.id);
                }}
              >
                <span className="skep-row skep-org-item">
                  <OrgSwatch color={o.color} />
                  {orgLabel(o)}
                  {o.production ? <ProductionTag /> : null}
                </span>
              </HeaderMenuItem>
            ))}
            <HeaderMenuItem
              href="#"
              onClick={(e: React.MouseEvent) => {
                e.preventDefault();
                app.navigate({ kind: "add-organization" });
              }}
            >
              Add organization…
            </HeaderMenuItem>
          </HeaderMenu>
        </HeaderNavigation>
        {active ? (
          <span className="skep-header-mark" title={`${active.name}: ${colorLabel(active.color).toLowerCase()}`}>
            <OrgSwatch color={active.color} />
          </span>
        ) : null}
        {active?.production ? <ProductionTag size="md" /> : null}
        {active?.kind === "sandbox" ? (
          <Tag type="purple" size="md" className="skep-sandbox-tag" title="A local, offline organization with sample clusters. Nothing leaves this computer.">
            Sandbox
          </Tag>
        ) : null}
        <HeaderGlobalBar>
          {app.openPalette ? (
            <HeaderGlobalAction aria-label={`Command palette (${paletteShortcutLabel()})`} tooltipAlignment="end" onClick={app.openPalette}>
              <Search size={20} />
            </HeaderGlobalAction>
          ) : null}
          <HeaderGlobalAction
            aria-label="Organization settings"
            tooltipAlignment="end"
            isActive={app.view.kind === "settings"}
            onClick={() => app.navigate({ kind: "settings" })}
          >
            <Settings size={20} />
          </HeaderGlobalAction>
        </HeaderGlobalBar>
      </Header>
      {error ? (
        <div style={{ paddingTop: "3rem" }}>
          <ErrorNotice error={error} title="Could not switch the organization" />
        </div>
      ) : null}
    </>
  );
}
