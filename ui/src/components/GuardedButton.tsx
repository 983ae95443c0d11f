import { useId, type ComponentProps } from "react";
import { Button, InlineLoading, Tooltip } from "@carbon/react";

type Props = ComponentProps<typeof Button> & {
  /** When set, the button is disabled and this reason is shown in a tooltip and as its description. */
  deniedReason?: string | null;
  busy?: boolean;
  busyText?: string;
};

/** A Carbon button that can be disabled with a reason (tooltip) and shows progress while busy. */
export function GuardedButton({ deniedReason, busy, busyText, children, disabled, ...rest }: Props) {
  const id = useId();
  if (deniedReason) {
    return (
      <Tooltip label={deniedReason} align="bottom" className="skep-denied">
        <span tabIndex={0} aria-describedby={`${id}-reason`} style={{ display: "inline-block" }}>
          <Button {...rest} disabled aria-describedby={`${id}-reason`}>
            {children}
          </Button>
          <span id={`${id}-reason`} hidden>
            {deniedReason}
          </span>
        </span>
      </Tooltip>
    );
  }
  return (
    <Button {...rest} disabled={disabled || busy} aria-busy={busy || undefined}>
      {busy ? <InlineLoading description={busyText ?? "Working…"} /> : children}
    </Button>
  );
}
