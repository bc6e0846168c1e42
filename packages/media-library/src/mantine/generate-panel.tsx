// The generate form: prompt, size preset or custom size within the model's limits, model
// picker, advanced settings, cost estimate, progress with cancel, and readable errors that
// mark the field at fault. Built on useAIGeneration only: its own, or one a parent keeps so a
// generation outlives the panel.
import {
  Alert,
  Button,
  Group,
  NumberInput,
  Progress,
  Select,
  Stack,
  Text,
  Textarea,
} from '@mantine/core';
import { useEffect, useState } from 'react';
import type { MediaAIGenerateRequest, MediaAIModelInfo, MediaAsset } from '../core/index';
import { type UseAIGenerationResult, useAIGeneration } from '../react/index';
import { formatUsd } from './format';
import { type AdvancedValues, GenerateAdvancedFields } from './generate-advanced-fields';
import { explainGenerateError } from './generate-errors';
import { GeneratePreviews } from './generate-previews';
import { type FieldErrors, sizePresets, validateRequest } from './generate-validation';
import { mutedDescription, mutedText } from './preset-colors';

/** Props of {@link GeneratePanel}. */
export interface GeneratePanelProps {
  /** Values to start from, e.g. an asset's settings for "Use this prompt again". */
  initial?: Partial<MediaAIGenerateRequest>;
  /** Called with the new assets after a generation lands in the library. */
  onGenerated?(assets: MediaAsset[]): void;
  /**
   * The generation to start, show and cancel: a `useAIGeneration()` of the parent. Pass it
   * when the panel can go away mid-generation (a dialog the person closes), so the parent
   * still has the progress and `cancel()` meanwhile. Default: the panel's own.
   */
  generation?: UseAIGenerationResult;
}

type Outcome = { kind: 'idle' } | { kind: 'done'; count: number } | { kind: 'canceled' };
const num = (value: string | number) => (value === '' ? undefined : Number(value));

/** A complete generate form bound to the provider's AI generator. */
export function GeneratePanel({ initial, onGenerated, generation }: GeneratePanelProps) {
  const own = useAIGeneration();
  const ai = generation ?? own;
  const [models, setModels] = useState<MediaAIModelInfo[]>([]);
  const [modelId, setModelId] = useState<string | null>(initial?.model ?? null);
  const [prompt, setPrompt] = useState(initial?.prompt ?? '');
  const startSize = `${initial?.width ?? 1024}x${initial?.height ?? 1024}`;
  const [size, setSize] = useState(
    sizePresets.some((p) => p.value === startSize) ? startSize : 'custom',
  );
  const [width, setWidth] = useState<number | undefined>(initial?.width ?? 1024);
  const [height, setHeight] = useState<number | undefined>(initial?.height ?? 1024);
  const [advanced, setAdvanced] = useState(
    Boolean(initial?.negativePrompt || initial?.steps || initial?.seed !== undefined),
  );
  const [extra, setExtra] = useState<AdvancedValues>({
    negativePrompt: initial?.negativePrompt ?? '',
    steps: initial?.steps,
    seed: initial?.seed,
    n: initial?.n ?? 1,
  });
  const { negativePrompt, steps, seed, n } = extra;
  const [errors, setErrors] = useState<FieldErrors>({});
  // The server's refusal of a size, kept with the size it refused so it goes once that changes.
  const [refusal, setRefusal] = useState<{ key: string; errors: FieldErrors }>();
  const [failure, setFailure] = useState<string>();
  const [outcome, setOutcome] = useState<Outcome>({ kind: 'idle' });
  // The images that just landed, shown where their previews were.
  const [results, setResults] = useState<MediaAsset[]>([]);
  const { listModels } = ai;

  useEffect(() => {
    if (!listModels) return;
    let active = true;
    listModels().then(
      (all) => {
        if (!active) return;
        // Edit-only models (upscalers, background removers) take no prompt: not offered here.
        const list = all.filter((m) => m.capabilities?.operations?.includes('generate') ?? true);
        setModels(list);
        // Keep a model the caller asked for; otherwise the first one that can run.
        setModelId((id) =>
          id && list.some((m) => m.id === id)
            ? id
            : ((list.find((m) => m.live !== false) ?? list[0])?.id ?? null),
        );
      },
      () =>
        active && setFailure('Could not load the list of models. The default model will be used.'),
    );
    return () => {
      active = false;
    };
  }, [listModels]);

  const model = models.find((m) => m.id === modelId);
  const request: MediaAIGenerateRequest = {
    prompt,
    width: width ?? 0,
    height: height ?? 0,
    ...(modelId ? { model: modelId } : {}),
    ...(negativePrompt.trim() ? { negativePrompt: negativePrompt.trim() } : {}),
    ...(steps !== undefined ? { steps } : {}),
    ...(seed !== undefined ? { seed } : {}),
    ...(n !== undefined ? { n } : {}),
  };
  // Size errors show as soon as a size or model is picked; the rest wait for submit. A size
  // the check let through but the server refused stays marked until the size or model changes.
  const live = validateRequest(request, model, size === 'custom' ? 'custom' : 'size');
  const sizeKey = JSON.stringify([modelId, size, width, height]);
  const refused = refusal?.key === sizeKey ? refusal.errors : {};
  const shown: FieldErrors = {
    ...errors,
    size: live.size ?? refused.size,
    width: live.width ?? refused.width,
    height: live.height ?? refused.height,
  };
  const cost = model?.costPerImageUsd;

  const submit = async () => {
    const found = validateRequest(request, model, size === 'custom' ? 'custom' : 'size');
    setErrors(found);
    setRefusal(undefined);
    setFailure(undefined);
    setOutcome({ kind: 'idle' });
    setResults([]);
    if (Object.keys(found).length > 0 || !ai.generateImages) return;
    try {
      const assets = await ai.generateImages(request);
      setOutcome({ kind: 'done', count: assets.length });
      setResults(assets);
      onGenerated?.(assets);
    } catch (error) {
      const code = (error as { code?: unknown } | null)?.code;
      if (code === 'canceled') {
        setOutcome({ kind: 'canceled' });
        return;
      }
      const explained = explainGenerateError(error);
      setFailure(explained.message);
      if (explained.field) {
        const field =
          explained.field === 'width' || explained.field === 'height'
            ? size === 'custom'
              ? explained.field
              : 'size'
            : explained.field;
        if (field === 'size' || field === 'width' || field === 'height')
          setRefusal({ key: sizeKey, errors: { [field]: explained.message } });
        else setErrors({ [field]: explained.message });
        if (['negativePrompt', 'steps', 'seed'].includes(field)) setAdvanced(true);
      }
    }
  };

  if (!ai.aiAvailable)
    return <Alert title="AI generation is not set up">This library has no image generator.</Alert>;

  const busy = ai.aiGenerating;
  const percent = ai.progress?.percent;
  return (
    <form
      aria-label="Generate images"
      onSubmit={(event) => {
        event.preventDefault();
        void submit();
      }}
    >
      <Stack gap="sm">
        <Textarea
          label="Prompt"
          placeholder="A red fox asleep in fresh snow, morning light"
          autosize
          minRows={3}
          maxRows={8}
          value={prompt}
          error={shown.prompt}
          disabled={busy}
          // A dialog reopened on a running generation focuses its Cancel instead.
          data-autofocus={busy ? undefined : true}
          onChange={(event) => setPrompt(event.currentTarget.value)}
        />
        {models.length > 0 && (
          <Select
            label="Model"
            data={models.map((m) => ({
              value: m.id,
              label: `${m.label}${m.live === false ? ' (not available)' : ''}`,
              disabled: m.live === false,
            }))}
            value={modelId}
            onChange={setModelId}
            allowDeselect={false}
            error={shown.model}
            disabled={busy}
            styles={mutedDescription}
            description={
              model?.limits?.maxWidth
                ? `Up to ${model.limits.maxWidth} × ${model.limits.maxHeight ?? model.limits.maxWidth} px`
                : undefined
            }
          />
        )}
        <Select
          label="Size"
          data={[
            ...sizePresets.map(({ value, label }) => ({ value, label })),
            { value: 'custom', label: 'Custom size' },
          ]}
          value={size}
          allowDeselect={false}
          error={shown.size}
          disabled={busy}
          onChange={(value) => {
            const next = value ?? 'custom';
            setSize(next);
            const chosen = sizePresets.find((p) => p.value === next);
            if (chosen) {
              setWidth(chosen.width);
              setHeight(chosen.height);
            }
          }}
        />
        {size === 'custom' && (
          <Group grow align="flex-start">
            <NumberInput
              label="Width"
              suffix=" px"
              value={width ?? ''}
              onChange={(v) => setWidth(num(v))}
              min={model?.limits?.minWidth}
              max={model?.limits?.maxWidth}
              step={64}
              error={shown.width}
              disabled={busy}
              clampBehavior="none"
            />
            <NumberInput
              label="Height"
              suffix=" px"
              value={height ?? ''}
              onChange={(v) => setHeight(num(v))}
              min={model?.limits?.minHeight}
              max={model?.limits?.maxHeight}
              step={64}
              error={shown.height}
              disabled={busy}
              clampBehavior="none"
            />
          </Group>
        )}
        <Button
          variant="subtle"
          size="compact-sm"
          onClick={() => setAdvanced((o) => !o)}
          aria-expanded={advanced}
          aria-controls="medialoft-generate-advanced"
          style={{ alignSelf: 'flex-start' }}
        >
          {advanced ? 'Hide advanced settings' : 'Advanced settings'}
        </Button>
        <GenerateAdvancedFields
          expanded={advanced}
          values={extra}
          onChange={(patch) => setExtra((v) => ({ ...v, ...patch }))}
          model={model}
          errors={shown}
          disabled={busy}
        />
        {cost !== undefined && (
          <Text size="sm" c={mutedText} aria-label="Cost estimate">
            Estimated cost: {formatUsd(cost * (n ?? 1))}
            {(n ?? 1) > 1 ? ` (${n} × ${formatUsd(cost)})` : ''}
          </Text>
        )}
        <GeneratePreviews previews={busy ? ai.previews : []} results={busy ? [] : results} />
        {busy && (
          <Stack gap={4} role="status" aria-live="polite">
            <Progress
              value={percent ?? 100}
              animated={percent === undefined}
              striped={percent === undefined}
              aria-label="Generation progress"
            />
            <Text size="xs" c={mutedText}>
              {ai.progress?.message ?? ai.progress?.stage ?? 'Starting'}
              {percent !== undefined ? ` · ${Math.round(percent)}%` : ''}
            </Text>
          </Stack>
        )}
        {(failure ?? ai.resumed?.error) && !busy && (
          <Alert color="red" role="alert" title="The image was not generated">
            {/* A generation started before a reload that could not be resumed says why here. */}
            {failure ?? ai.resumed?.error?.message}
          </Alert>
        )}
        {!busy && outcome.kind === 'canceled' && (
          <Text size="sm" role="status">
            Canceled. Nothing was added to the library.
          </Text>
        )}
        {!busy && outcome.kind === 'done' && (
          <Text size="sm" role="status">
            Added {outcome.count} image{outcome.count === 1 ? '' : 's'} to the library.
          </Text>
        )}
        <Group justify="flex-end">
          {busy && (
            <Button variant="default" onClick={ai.cancel} data-autofocus>
              Cancel
            </Button>
          )}
          <Button type="submit" loading={busy}>
            Generate
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
