import type { CreatedClient, MonitoringPassword, SaveFormat } from "../../api";

// What the copy-once dialog (SecretDialog, loaded on demand) shows, built where the secret arrives.

/** What the copy-once dialog shows: a new client's secret, or a monitoring client's password. */
export type ShownOnce = {
  heading: string;
  /** The dialog's accessible name. */
  label: string;
  intro: string;
  /** "secret" or "password", in the dialog's sentences. */
  noun: string;
  /** What the secret belongs to ("Client ID", "User name"), and its value. */
  idLabel: string;
  id: string;
  secretLabel: string;
  secret: string;
  extra: { label: string; value: string }[];
  saveFormats: SaveFormat[];
};

export function clientSecretShown(c: CreatedClient): ShownOnce {
  return {
    heading: `Client “${c.name}” created — copy its secret now`,
    label: "Client secret",
    intro:
      "This is the only time Camunda shows this client's secret. Copy it or save it to a file now — after this dialog closes it is gone and cannot be shown again.",
    noun: "secret",
    idLabel: "Client ID",
    id: c.clientId,
    secretLabel: "Client secret",
    secret: c.clientSecret,
    extra: c.zeebeAddress ? [{ label: "Zeebe address", value: c.zeebeAddress }] : [],
    saveFormats: c.saveFormats,
  };
}

export function monitoringPasswordShown(m: MonitoringPassword): ShownOnce {
  return {
    heading: m.rotated
      ? `New password for “${m.username}” — copy it now`
      : `Monitoring client “${m.username}” created — copy its password now`,
    label: "Monitoring password",
    intro:
      (m.rotated ? "The previous password has stopped working: give this one to whatever scrapes the metrics. " : "") +
      "This is the only time Camunda shows this password. Copy it or save it to a file now — after this dialog closes it is gone and cannot be shown again.",
    noun: "password",
    idLabel: "User name",
    id: m.username,
    secretLabel: "Password",
    secret: m.password,
    extra: m.metricsUrl ? [{ label: "Metrics endpoint", value: m.metricsUrl }] : [],
    saveFormats: m.saveFormats,
  };
}
