// The generate form's Mantine skin: prompt, model picker, size preset or custom size,
// advanced settings, cost estimate, progress with cancel, errors on the field at fault. Every
// rule (limits, wording, outcome) lives in useGenerateForm; this file only draws its state.
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
import type { MediaAIGenerateRequest, MediaAsset } from '../core/index';
import type { UseAIGenerationResult } from '../react/index';
import { type UseGenerateFormResult, useGenerateForm } from '../react/use-generate-form';
import { comboboxProps } from './combobox-props';
import { formatUsd } from './format';
import { GenerateAdvancedFields } from './generate-advanced-fields';
import { GeneratePreviews } from './generate-previews';
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

/** A complete generate form bound to the provider's AI generator. */
export function GeneratePanel({ initial, onGenerated, generation }: GeneratePanelProps) {
  const form = useGenerateForm({ initial, onGenerated, generation });
  const { generation: ai, models, model, errors, busy, values, cost } = form;
  if (!ai.aiAvailable)
    return <Alert title="AI generation is not set up">This library has no image generator.</Alert>;
  const prompt = form.getFieldProps('prompt');
  const { onSubmit, 'data-state': state } = form.getFormProps();
  return (
    <form aria-label="Generate images" data-state={state} onSubmit={onSubmit}>
      <Stack gap="sm">
        <Textarea
          label="Prompt"
          placeholder="A red fox asleep in fresh snow, morning light"
          autosize
          minRows={3}
          maxRows={8}
          value={prompt.value}
          onChange={prompt.onChange}
          error={errors.prompt}
          disabled={busy}
          // A dialog reopened on a running generation focuses its Cancel instead.
          data-autofocus={busy ? undefined : true}
        />
        {models.length > 0 && (
          <Select
            comboboxProps={comboboxProps}
            label="Model"
            data={models.map((m) => ({
              value: m.id,
              label: `${m.label}${m.live === false ? ' (not available)' : ''}`,
              disabled: m.live === false,
            }))}
            value={form.modelId}
            onChange={form.setModelId}
            allowDeselect={false}
            error={errors.model}
            disabled={busy}
            styles={mutedDescription}
            description={
              model?.limits?.maxWidth
                ? `Up to ${model.limits.maxWidth} × ${model.limits.maxHeight ?? model.limits.maxWidth} px`
                : undefined
            }
          />
        )}
        <GenerateSizeFields form={form} />
        <Button
          variant="subtle"
          size="compact-sm"
          onClick={() => form.setAdvancedOpen(!form.advancedOpen)}
          aria-expanded={form.advancedOpen}
          aria-controls="medialoft-generate-advanced"
          style={{ alignSelf: 'flex-start' }}
        >
          {form.advancedOpen ? 'Hide advanced settings' : 'Advanced settings'}
        </Button>
        <GenerateAdvancedFields
          expanded={form.advancedOpen}
          values={values}
          onChange={form.setValues}
          model={model}
          errors={errors}
          disabled={busy}
        />
        {cost && (
          <Text size="sm" c={mutedText} aria-label="Cost estimate">
            Estimated cost: {formatUsd(cost.total)}
            {cost.count > 1 ? ` (${cost.count} × ${formatUsd(cost.each)})` : ''}
          </Text>
        )}
        <GeneratePreviews previews={busy ? ai.previews : []} results={form.results} />
        <GenerateStatus form={form} />
      </Stack>
    </form>
  );
}

/** The size preset select, and width and height once the person picks a custom size. */
function GenerateSizeFields({ form }: { form: UseGenerateFormResult }) {
  const { values, errors, model, busy } = form;
  const limits = model?.limits;
  const num = (v: string | number) => (v === '' ? undefined : Number(v));
  return (
    <>
      <Select
        comboboxProps={comboboxProps}
        label="Size"
        data={[
          ...form.sizePresets.map(({ value, label }) => ({ value, label })),
          { value: 'custom', label: 'Custom size' },
        ]}
        value={values.size}
        allowDeselect={false}
        error={errors.size}
        disabled={busy}
        onChange={(value) => form.setValues({ size: value ?? 'custom' })}
      />
      {values.size === 'custom' && (
        <Group grow align="flex-start">
          <NumberInput
            label="Width"
            suffix=" px"
            value={values.width ?? ''}
            onChange={(v) => form.setValues({ width: num(v) })}
            min={limits?.minWidth}
            max={limits?.maxWidth}
            step={64}
            error={errors.width}
            disabled={busy}
            clampBehavior="none"
          />
          <NumberInput
            label="Height"
            suffix=" px"
            value={values.height ?? ''}
            onChange={(v) => form.setValues({ height: num(v) })}
            min={limits?.minHeight}
            max={limits?.maxHeight}
            step={64}
            error={errors.height}
            disabled={busy}
            clampBehavior="none"
          />
        </Group>
      )}
    </>
  );
}

/** Progress while generating, then the failure or the outcome, and Cancel / Generate. */
function GenerateStatus({ form }: { form: UseGenerateFormResult }) {
  const { generation: ai, busy, failure, outcomeMessage } = form;
  const percent = ai.progress?.percent;
  return (
    <>
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
      {failure && (
        <Alert color="red" role="alert" title="The image was not generated">
          {failure}
        </Alert>
      )}
      {outcomeMessage && (
        <Text size="sm" role="status">
          {outcomeMessage}
        </Text>
      )}
      <Group justify="flex-end">
        {busy && (
          <Button variant="default" onClick={form.cancel} data-autofocus>
            Cancel
          </Button>
        )}
        <Button type="submit" loading={busy}>
          Generate
        </Button>
      </Group>
    </>
  );
}
