import { useState } from "react";
import { commands, toAppError, type AppError } from "../api";
import { useApp, type View } from "./AppContext";

/**
 * Opens a view of another organization: switches to it first (so the header, the colour and
 * every later request are that organization's), then navigates. A failed switch is `error`
 * (and `open` answers false).
 */
export function useOpenInOrganization() {
  const app = useApp();
  const [error, setError] = useState<AppError | null>(null);
  const open = async (organizationId: string, view: View): Promise<boolean> => {
    setError(null);
    try {
      if (organizationId !== app.activeOrg?.id) {
        app.setOrganizations(await commands.setActiveOrganization(organizationId));
      }
      app.navigate(view);
      return true;
    } catch (e) {
      setError(toAppError(e));
      return false;
    }
  };
  return { open, error };
}
