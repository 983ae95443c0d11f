import { useRef, type ReactNode } from "react";
import { Button, Search, TableToolbar, TableToolbarContent } from "@carbon/react";
import { Renew } from "@carbon/icons-react";
import { useShortcuts } from "../lib/useShortcuts";

/** A table's toolbar: the filter (focused by Ctrl+F), Refresh, and the screen's own actions. */
export function SearchToolbar({
  label,
  filterLabel,
  placeholder,
  filter,
  onFilter,
  refreshing,
  onRefresh,
  children,
}: {
  /** The toolbar's accessible name. */
  label: string;
  filterLabel: string;
  placeholder: string;
  filter: string;
  onFilter: (filter: string) => void;
  /** Refresh is disabled while a load runs. */
  refreshing: boolean;
  onRefresh: () => void;
  children?: ReactNode;
}) {
  const filterRef = useRef<HTMLInputElement>(null);
  useShortcuts({ find: () => filterRef.current?.focus() });
  return (
    <TableToolbar aria-label={label}>
      <TableToolbarContent>
        <Search
          ref={filterRef}
          size="lg"
          labelText={filterLabel}
          placeholder={placeholder}
          closeButtonLabelText="Clear filter"
          value={filter}
          onChange={(e: React.ChangeEvent<HTMLInputElement>) => onFilter(e.target.value)}
        />
        <Button
          kind="ghost"
          hasIconOnly
          renderIcon={Renew}
          iconDescription="Refresh"
          tooltipPosition="bottom"
          disabled={refreshing}
          onClick={onRefresh}
        />
        {children}
      </TableToolbarContent>
    </TableToolbar>
  );
}
