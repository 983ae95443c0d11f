import { useMemo, useState } from "react";
import { Checkbox, Modal, Select, SelectItem, SelectItemGroup, SelectSkeleton, Stack, TextInput } from "@carbon/react";
import { commands, type RegionOption } from "../../api";
import { useApp } from "../../app/AppContext";
import { ErrorNotice } from "../../components/ErrorNotice";
import { clusterParametersQuery } from "../../lib/queries";
import { useAction } from "../../lib/useAction";
import { useAppQuery } from "../../lib/useAppQuery";
import { ClusterDescriptionField } from "./ClusterDescriptionField";
import { STAGE_LABELS, clusterDescriptionError, clusterNameError } from "./validation";

function groupRegions(regions: readonly RegionOption[]): [string, RegionOption[]][] {
  const groups = new Map<string, RegionOption[]>();
  for (const r of regions) {
    const key = r.provider ? r.provider.toUpperCase() : "Other";
    const g = groups.get(key) ?? [];
    g.push(r);
    groups.set(key, g);
  }
  return [...groups.entries()];
}

/** Create a cluster from the organization's parameters: channel → generation → region → plan. */
export function CreateClusterDialog({
  onClose,
  onCreated,
  onOutcomeUnknown,
}: {
  onClose: () => void;
  onCreated: (id: string, name: string) => void;
  onOutcomeUnknown: (name: string) => void;
}) {
  const app = useApp();
  const paramsQuery = useAppQuery(clusterParametersQuery(app.activeOrg?.id ?? ""));
  const params = paramsQuery.data;
  // While "Try again" runs, the options show as loading.
  const paramsError = paramsQuery.fetching ? null : paramsQuery.error;
  const [name, setName] = useState("");
  const [touched, setTouched] = useState(false);
  const [channelId, setChannelId] = useState("");
  const [generationId, setGenerationId] = useState("");
  const [regionId, setRegionId] = useState("");
  const [planTypeId, setPlanTypeId] = useState("");
  const [stageLabel, setStageLabel] = useState("");
  const [description, setDescription] = useState("");
  const [autoUpdate, setAutoUpdate] = useState(true);
  const [backupRegionId, setBackupRegionId] = useState("");
  const [ownKeys, setOwnKeys] = useState(false);
  const [defaulted, setDefaulted] = useState(false);

  // The first choices, once the options are loaded: the Stable channel and its default generation.
  if (params && !defaulted) {
    setDefaulted(true);
    const first = params.channels.find((c) => c.name.toLowerCase() === "stable") ?? params.channels[0];
    if (first) {
      setChannelId(first.id);
      setGenerationId(first.defaultGeneration?.id ?? first.allowedGenerations[0]?.id ?? "");
    }
    setRegionId(params.regions[0]?.id ?? "");
    setPlanTypeId(params.planTypes[0]?.id ?? "");
  }

  const channel = params?.channels.find((c) => c.id === channelId) ?? null;
  const regionGroups = useMemo(() => groupRegions(params?.regions ?? []), [params]);
  const nameError = clusterNameError(name);
  const descriptionError = clusterDescriptionError(description);
  const trimmed = name.trim();
  // Camunda updates automatically only on the Stable channel; elsewhere the choice is not offered.
  const stable = channel?.name.toLowerCase() === "stable";
  // Where backups are kept, when the chosen region offers a choice (Enterprise).
  const backupRegions = params?.regions.find((r) => r.id === regionId)?.backupRegions ?? [];
  const backupRegion = backupRegions.some((b) => b.id === backupRegionId) ? backupRegionId : "";
  // Customer-managed keys (AWS KMS) are offered for clusters in AWS regions (Enterprise).
  const aws = params?.regions.find((r) => r.id === regionId)?.provider === "aws";

  const submit = useAction(
    () =>
      commands.createCluster({
        name: trimmed, channelId, generationId, regionId, planTypeId, stageLabel: stageLabel || null,
        description: description.trim() || null,
        autoUpdate: stable ? autoUpdate : null,
        backupRegionId: backupRegion || null,
        customerManagedKeys: aws && ownKeys,
      }),
    {
      onSuccess: (id) => onCreated(id, trimmed),
      onError: (err) => {
        if (err.kind === "outcome_unknown") onOutcomeUnknown(trimmed);
      },
    },
  );

  const ready =
    params !== null && !nameError && !descriptionError && channelId && generationId && regionId && planTypeId;
  const onSubmit = () => {
    setTouched(true);
    if (!ready || submit.busy || submit.countdown !== null) return;
    void submit.run();
  };

  return (
    <Modal
      open
      modalHeading="Create cluster"
      aria-label="Create cluster"
      primaryButtonText="Create cluster"
      secondaryButtonText="Cancel"
      primaryButtonDisabled={!ready || submit.busy || submit.countdown !== null}
      loadingStatus={submit.busy ? "active" : "inactive"}
      loadingDescription="Creating…"
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
          id="create-cluster-name"
          labelText="Cluster name"
          helperText="Up to 50 characters."
          value={name}
          data-modal-primary-focus
          invalid={touched && nameError !== null}
          invalidText={nameError ?? undefined}
          onChange={(e: React.ChangeEvent<HTMLInputElement>) => {
            setName(e.target.value);
            setTouched(true);
          }}
          onBlur={() => setTouched(true)}
        />
        {paramsError ? (
          <ErrorNotice
            error={paramsError}
            title="Could not load the cluster options"
            onRetry={() => void paramsQuery.refresh()}
          />
        ) : !params ? (
          <>
            <SelectSkeleton />
            <SelectSkeleton />
            <SelectSkeleton />
          </>
        ) : (
          <>
            <Select
              id="create-cluster-channel"
              labelText="Channel"
              value={channelId}
              onChange={(e: React.ChangeEvent<HTMLSelectElement>) => {
                const next = params.channels.find((c) => c.id === e.target.value);
                setChannelId(e.target.value);
                setGenerationId(next?.defaultGeneration?.id ?? next?.allowedGenerations[0]?.id ?? "");
              }}
            >
              {params.channels.map((c) => (
                <SelectItem key={c.id} value={c.id} text={c.name} />
              ))}
            </Select>
            <Select
              id="create-cluster-generation"
              labelText="Generation"
              value={generationId}
              onChange={(e: React.ChangeEvent<HTMLSelectElement>) => setGenerationId(e.target.value)}
            >
              {(channel?.allowedGenerations ?? []).map((g) => (
                <SelectItem
                  key={g.id}
                  value={g.id}
                  text={g.id === channel?.defaultGeneration?.id ? `${g.name} (default)` : g.name}
                />
              ))}
            </Select>
            <Select
              id="create-cluster-region"
              labelText="Region"
              value={regionId}
              onChange={(e: React.ChangeEvent<HTMLSelectElement>) => setRegionId(e.target.value)}
            >
              {regionGroups.map(([provider, regions]) => (
                <SelectItemGroup key={provider} label={provider}>
                  {regions.map((r) => (
                    <SelectItem key={r.id} value={r.id} text={r.name} />
                  ))}
                </SelectItemGroup>
              ))}
            </Select>
            <Select
              id="create-cluster-plan"
              labelText="Plan"
              value={planTypeId}
              onChange={(e: React.ChangeEvent<HTMLSelectElement>) => setPlanTypeId(e.target.value)}
            >
              {params.planTypes.map((p) => (
                <SelectItem key={p.id} value={p.id} text={p.name} />
              ))}
            </Select>
            {backupRegions.length ? (
              <Select
                id="create-cluster-backup-region"
                labelText="Backup region (optional)"
                helperText="Where Camunda keeps this cluster's backups (Enterprise)."
                value={backupRegion}
                onChange={(e: React.ChangeEvent<HTMLSelectElement>) => setBackupRegionId(e.target.value)}
              >
                <SelectItem value="" text="The Console's default" />
                {backupRegions.map((b) => (
                  <SelectItem key={b.id} value={b.id} text={b.label} />
                ))}
              </Select>
            ) : null}
            {aws ? (
              <Checkbox
                id="create-cluster-own-keys"
                labelText="Encrypt with my own keys (AWS KMS)"
                helperText="Enterprise. The cluster waits for your key: set it in the cluster's Settings once it is created. This cannot be changed later."
                checked={ownKeys}
                onChange={(_e: React.ChangeEvent<HTMLInputElement>, { checked }: { checked: boolean }) => setOwnKeys(checked)}
              />
            ) : null}
          </>
        )}
        <Select
          id="create-cluster-stage"
          labelText="Stage label (optional)"
          value={stageLabel}
          onChange={(e: React.ChangeEvent<HTMLSelectElement>) => setStageLabel(e.target.value)}
        >
          <SelectItem value="" text="None" />
          {STAGE_LABELS.map((s) => (
            <SelectItem key={s} value={s} text={s} />
          ))}
        </Select>
        <ClusterDescriptionField id="create-cluster-description" rows={2} value={description} onChange={setDescription} />
        {stable ? (
          <Checkbox
            id="create-cluster-auto-update"
            labelText="Update automatically to new patch releases"
            helperText="Camunda applies patch releases of the chosen generation by itself."
            checked={autoUpdate}
            onChange={(_e: React.ChangeEvent<HTMLInputElement>, { checked }: { checked: boolean }) => setAutoUpdate(checked)}
          />
        ) : null}
      </Stack>
    </Modal>
  );
}
