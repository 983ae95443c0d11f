import { Accordion, AccordionItem, Checkbox, PasswordInput, Stack, TextInput } from "@carbon/react";
import { SAAS_DEFAULTS, type OrganizationInput } from "../../api";
import { serviceUrlProblem } from "../../lib/serviceUrl";

export function emptyInput(): OrganizationInput {
  return { name: "", clientId: "", clientSecret: "", ...SAAS_DEFAULTS, sessionOnly: false, color: null, production: false };
}

/** Problems that block saving, by field. `secretOptional`: editing keeps the stored secret when blank. */
export function inputErrors(input: OrganizationInput, secretOptional: boolean): Partial<Record<keyof OrganizationInput, string>> {
  const e: Partial<Record<keyof OrganizationInput, string>> = {};
  if (!input.name.trim()) e.name = "Enter a name for the organization.";
  if (!input.clientId.trim()) e.clientId = "Enter the client id.";
  if (!secretOptional && !(input.clientSecret ?? "").trim()) e.clientSecret = "Enter the client secret.";
  for (const k of ["tokenUrl", "apiBaseUrl"] as const) {
    const problem = serviceUrlProblem(input[k]);
    if (problem) e[k] = problem;
  }
  if (!input.audience.trim()) e.audience = "Enter the audience.";
  return e;
}

/** Name, client id/secret and (advanced) token URL, API URL, audience. */
export function CredentialsFields({
  input,
  onChange,
  touched,
  secretOptional = false,
  keychainAvailable,
  idPrefix,
}: {
  input: OrganizationInput;
  onChange: (next: OrganizationInput) => void;
  touched: boolean;
  secretOptional?: boolean;
  keychainAvailable: boolean;
  idPrefix: string;
}) {
  const errors = touched ? inputErrors(input, secretOptional) : {};
  const set = (k: keyof OrganizationInput) => (e: React.ChangeEvent<HTMLInputElement>) =>
    onChange({ ...input, [k]: e.target.value });
  return (
    <Stack gap={5}>
      <TextInput id={`${idPrefix}-name`} labelText="Organization name" value={input.name} onChange={set("name")}
        invalid={!!errors.name} invalidText={errors.name} />
      <TextInput id={`${idPrefix}-client-id`} labelText="Client ID" value={input.clientId} onChange={set("clientId")}
        invalid={!!errors.clientId} invalidText={errors.clientId} autoComplete="off" />
      <PasswordInput
        id={`${idPrefix}-client-secret`}
        labelText="Client secret"
        helperText={secretOptional ? "Leave empty to keep the stored secret." : "Stored in the system keychain, never in a file."}
        value={input.clientSecret ?? ""}
        onChange={set("clientSecret")}
        invalid={!!errors.clientSecret}
        invalidText={errors.clientSecret}
        autoComplete="off"
        showPasswordLabel="Show secret"
        hidePasswordLabel="Hide secret"
      />
      <Accordion>
        <AccordionItem title="Advanced: token URL, API URL, audience">
          <Stack gap={5}>
            <TextInput id={`${idPrefix}-token-url`} labelText="Token URL" value={input.tokenUrl} onChange={set("tokenUrl")}
              invalid={!!errors.tokenUrl} invalidText={errors.tokenUrl} />
            <TextInput id={`${idPrefix}-api-url`} labelText="API URL" value={input.apiBaseUrl} onChange={set("apiBaseUrl")}
              invalid={!!errors.apiBaseUrl} invalidText={errors.apiBaseUrl} />
            <TextInput id={`${idPrefix}-audience`} labelText="Audience" value={input.audience} onChange={set("audience")}
              invalid={!!errors.audience} invalidText={errors.audience} />
          </Stack>
        </AccordionItem>
      </Accordion>
      <Checkbox
        id={`${idPrefix}-session-only`}
        labelText="Keep the secret for this session only (do not store it in the keychain)"
        checked={input.sessionOnly || !keychainAvailable}
        disabled={!keychainAvailable}
        onChange={(_e: React.ChangeEvent<HTMLInputElement>, { checked }: { checked: boolean }) =>
          onChange({ ...input, sessionOnly: checked })}
      />
    </Stack>
  );
}
