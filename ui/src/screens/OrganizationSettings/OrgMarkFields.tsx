import { Checkbox, RadioButton, RadioButtonGroup, Stack } from "@carbon/react";
import type { OrgColor, OrgMarks } from "../../api";
import { ORG_COLORS, OrgSwatch } from "../../components/OrgMark";

/**
 * An organization's marks: its colour (shown in the header and in every destructive dialog) and
 * "production" (every destructive dialog then asks for the typed name). `color: null` lets Skep
 * pick a colour no other organization has.
 */
export function OrgMarkFields({
  marks,
  onChange,
  idPrefix,
}: {
  marks: OrgMarks;
  onChange: (next: OrgMarks) => void;
  idPrefix: string;
}) {
  return (
    <Stack gap={5}>
      <RadioButtonGroup
        name={`${idPrefix}-color`}
        legendText="Colour"
        helperText={marks.color ? undefined : "Unless you choose one, Skep picks a colour no other organization has."}
        valueSelected={marks.color ?? undefined}
        onChange={(value) => onChange({ ...marks, color: value as OrgColor })}
        className="skep-color-choice"
      >
        {ORG_COLORS.map(({ color, label }) => (
          <RadioButton
            key={color}
            id={`${idPrefix}-color-${color}`}
            value={color}
            labelText={
              <span className="skep-row skep-color-label">
                <OrgSwatch color={color} />
                {label}
              </span>
            }
          />
        ))}
      </RadioButtonGroup>
      <Checkbox
        id={`${idPrefix}-production`}
        labelText="Production: ask for the typed name before anything in it is deleted, removed or restored"
        checked={marks.production}
        onChange={(_e: React.ChangeEvent<HTMLInputElement>, { checked }: { checked: boolean }) =>
          onChange({ ...marks, production: checked })
        }
      />
    </Stack>
  );
}
