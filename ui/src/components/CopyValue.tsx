import { useState } from "react";
import { Button } from "@carbon/react";
import { Copy } from "@carbon/icons-react";
import { copyText } from "../lib/copyText";

/** A non-secret value with a Copy button (the system clipboard via the web API). */
export function CopyValue({ label, value }: { label: string; value: string }) {
  const [copied, setCopied] = useState<"yes" | "failed" | null>(null);
  return (
    <>
      <dt>{label}</dt>
      <dd>{value}</dd>
      <dd className="skep-row" style={{ fontFamily: "inherit" }}>
        <Button
          kind="ghost"
          size="sm"
          renderIcon={Copy}
          onClick={async () => {
            setCopied((await copyText(value)) ? "yes" : "failed");
          }}
        >
          {`Copy ${label}`}
        </Button>
        <span role="status" className="skep-muted">
          {copied === "yes" ? "Copied" : copied === "failed" ? "Could not copy" : ""}
        </span>
      </dd>
    </>
  );
}
