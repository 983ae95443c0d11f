import { TextArea } from "@carbon/react";
import { MAX_CLUSTER_DESCRIPTION, clusterDescriptionError } from "./validation";

/**
 * A cluster's description (create and edit): counter up to the Console's 150 characters, the
 * check's message, and Enter left to the dialog (it submits) while Shift+Enter starts a new line.
 */
export function ClusterDescriptionField({
  id,
  rows,
  value,
  onChange,
}: {
  id: string;
  rows: number;
  value: string;
  onChange: (value: string) => void;
}) {
  const error = clusterDescriptionError(value);
  return (
    <TextArea
      id={id}
      labelText="Description (optional)"
      helperText="Shift+Enter starts a new line."
      rows={rows}
      enableCounter
      maxCount={MAX_CLUSTER_DESCRIPTION}
      value={value}
      invalid={error !== null}
      invalidText={error ?? undefined}
      onChange={(e: React.ChangeEvent<HTMLTextAreaElement>) => onChange(e.target.value)}
      onKeyDown={(e: React.KeyboardEvent<HTMLTextAreaElement>) => {
        if (e.key === "Enter" && e.shiftKey) e.stopPropagation();
      }}
    />
  );
}
