import { Modal, SkeletonText } from "@carbon/react";
import { useEffect, useState } from "react";
import { commands, toAppError, type AboutSkep, type AppError } from "../api";
import { ErrorNotice } from "../components/ErrorNotice";

/** Help → About Skep: version, the commit it was built from, and its licence. */
export function AboutDialog({ onClose }: { onClose: () => void }) {
  const [about, setAbout] = useState<AboutSkep | null>(null);
  const [error, setError] = useState<AppError | null>(null);
  useEffect(() => {
    let live = true;
    commands
      .aboutSkep()
      .then((a) => live && setAbout(a))
      .catch((e) => live && setError(toAppError(e)));
    return () => {
      live = false;
    };
  }, []);

  return (
    // Focus starts on the Close button of the footer (not the icon-only one, whose tooltip would
    // take the first Escape): Enter or Escape closes it at once.
    <Modal
      open
      size="sm"
      modalHeading="About Skep"
      aria-label="About Skep"
      primaryButtonText="Close"
      selectorPrimaryFocus=".cds--modal-footer .cds--btn--primary"
      onRequestSubmit={onClose}
      onRequestClose={onClose}
      closeButtonLabel="Close"
    >
      {error ? <ErrorNotice error={error} title="Could not read Skep's version" /> : null}
      {about ? (
        <>
          <p className="skep-about-description">{about.description}</p>
          <dl className="skep-about">
            <dt>Version</dt>
            <dd>{about.version}</dd>
            <dt>Commit</dt>
            <dd className="skep-about-commit">{about.commit}</dd>
            <dt>Licence</dt>
            <dd>{about.license}</dd>
          </dl>
        </>
      ) : error ? null : (
        <SkeletonText paragraph lineCount={3} />
      )}
    </Modal>
  );
}
