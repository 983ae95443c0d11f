import { InlineNotification } from "@carbon/react";

/** The outcome of an action the user just took (created, deleted, could not wake…). */
export type Notice = { kind: "success" | "warning" | "error"; title: string; subtitle?: string };

/** One dismissible notice above a screen's table; a new notice replaces the old one. */
export function NoticeBanner({ notice, onClose }: { notice: Notice | null; onClose: () => void }) {
  if (!notice) return null;
  return (
    <InlineNotification
      kind={notice.kind}
      lowContrast
      title={notice.title}
      subtitle={notice.subtitle}
      onClose={() => {
        onClose();
        return false;
      }}
      className="skep-banner"
    />
  );
}
