import { useState } from "react";
import { Modal, NumberInput, Select, SelectItem, Stack, TextInput } from "@carbon/react";
import { useQueryClient } from "@tanstack/react-query";
import { commands, type ClusterSummary, type ClusterView, type StageLabel, type UpdateClusterInput } from "../../api";
import { useApp } from "../../app/AppContext";
import { ErrorNotice } from "../../components/ErrorNotice";
import { patchData, patchRow } from "../../lib/optimistic";
import { clusterRows } from "../../lib/queries";
import { queryKeys } from "../../lib/queryClient";
import { useAction } from "../../lib/useAction";
import { ClusterDescriptionField } from "../Clusters/ClusterDescriptionField";
import { STAGE_LABELS, clusterDescriptionError, clusterNameError } from "../Clusters/validation";

/** The fields of the form that differ from the cluster (`null` = unchanged), as `update_cluster` takes them. */
export function clusterChanges(
  cluster: ClusterView,
  form: { name: string; description: string; stageLabel: string; hardwarePackages?: number | null },
): UpdateClusterInput {
  const name = form.name.trim();
  const description = form.description.trim();
  const stage = form.stageLabel as StageLabel | "";
  const packages = form.hardwarePackages ?? null;
  return {
    name: name !== cluster.name ? name : null,
    description: description !== (cluster.description ?? "") ? description : null,
    // A stage label can be changed, not removed ("" is only offered while there is none).
    stageLabel: stage !== "" && stage !== cluster.stageLabel ? stage : null,
    hardwarePackages: packages !== null && packages !== (cluster.hardwarePackages ?? 1) ? packages : null,
  };
}

/** Hardware packages can be changed on the Console's Advanced plans only. */
export const isAdvancedPlan = (cluster: ClusterView) => /\badvanced\b/i.test(cluster.planType ?? "");

/** The most hardware packages the dialog offers. */
const MAX_PACKAGES = 8;

/** Edit a cluster's name, description and stage label in place (`PATCH /clusters/{id}`). */
export function EditClusterDialog({ cluster, onClose }: { cluster: ClusterView; onClose: () => void }) {
  const orgId = useApp().activeOrg?.id ?? "";
  const queryClient = useQueryClient();
  const [name, setName] = useState(cluster.name);
  const [description, setDescription] = useState(cluster.description ?? "");
  const [stageLabel, setStageLabel] = useState(cluster.stageLabel ?? "");
  const advanced = isAdvancedPlan(cluster);
  const [packages, setPackages] = useState<number>(cluster.hardwarePackages ?? 1);
  const packagesValid = Number.isInteger(packages) && packages >= 1 && packages <= MAX_PACKAGES;

  const nameError = clusterNameError(name);
  const descriptionError = clusterDescriptionError(description);
  const changes = clusterChanges(cluster, { name, description, stageLabel, hardwarePackages: advanced ? packages : null });
  const changed =
    changes.name !== null || changes.description !== null || changes.stageLabel !== null || changes.hardwarePackages !== null;

  const submit = useAction((input: UpdateClusterInput) => commands.updateCluster(cluster.id, input), {
    onSuccess: (_r, input) => {
      // The new values show at once, on the detail and in the clusters list, until the next load.
      const summary: Partial<ClusterSummary> = {};
      if (input.name !== null) summary.name = input.name;
      if (input.stageLabel !== null) summary.stageLabel = input.stageLabel;
      const view: Partial<ClusterView> = { ...summary };
      if (input.description !== null) view.description = input.description === "" ? null : input.description;
      if (input.hardwarePackages != null) view.hardwarePackages = input.hardwarePackages;
      patchData<ClusterView>(queryClient, queryKeys.cluster(orgId, cluster.id), (c) => ({ ...c, ...view }));
      patchRow(queryClient, queryKeys.clusters(orgId), cluster.id, summary, clusterRows);
      onClose();
    },
  });

  const ready = changed && nameError === null && descriptionError === null && (!advanced || packagesValid);
  const blocked = !ready || submit.busy || submit.countdown !== null;
  const onSubmit = () => {
    if (blocked) return;
    void submit.run(changes);
  };

  return (
    <Modal
      open
      modalHeading={`Edit cluster “${cluster.name}”`}
      aria-label="Edit cluster"
      primaryButtonText="Save changes"
      secondaryButtonText="Cancel"
      primaryButtonDisabled={blocked}
      loadingStatus={submit.busy ? "active" : "inactive"}
      loadingDescription="Saving…"
      onRequestClose={() => {
        if (!submit.busy) onClose();
      }}
      onRequestSubmit={onSubmit}
      shouldSubmitOnEnter
      preventCloseOnClickOutside
      size="sm"
    >
      <Stack gap={6}>
        {submit.error ? <ErrorNotice error={submit.error} countdown={submit.countdown} /> : null}
        <TextInput
          id="edit-cluster-name"
          labelText="Cluster name"
          helperText="Up to 50 characters."
          value={name}
          data-modal-primary-focus
          invalid={nameError !== null}
          invalidText={nameError ?? undefined}
          onChange={(e: React.ChangeEvent<HTMLInputElement>) => setName(e.target.value)}
        />
        <ClusterDescriptionField id="edit-cluster-description" rows={3} value={description} onChange={setDescription} />
        <Select
          id="edit-cluster-stage"
          labelText="Stage label"
          helperText={cluster.stageLabel ? "A stage label can be changed, not removed." : undefined}
          value={stageLabel}
          onChange={(e: React.ChangeEvent<HTMLSelectElement>) => setStageLabel(e.target.value)}
        >
          <SelectItem value="" text="None" disabled={Boolean(cluster.stageLabel)} />
          {STAGE_LABELS.map((s) => (
            <SelectItem key={s} value={s} text={s} />
          ))}
        </Select>
        {advanced ? (
          <NumberInput
            id="edit-cluster-hardware-packages"
            label="Hardware packages"
            helperText={`Advanced plan: 1 to ${MAX_PACKAGES}. More packages mean more capacity, and cost more.`}
            min={1}
            max={MAX_PACKAGES}
            step={1}
            value={packages}
            invalid={!packagesValid}
            invalidText={`Enter a whole number from 1 to ${MAX_PACKAGES}.`}
            onChange={(_e: unknown, { value }: { value: number | string }) => setPackages(Number(value))}
          />
        ) : null}
      </Stack>
    </Modal>
  );
}
