// The edit studio of one asset: quick in-browser rotate, flip and crop (to a ratio or a free
// rectangle), "Export for…", and the AI edits the generator's models take (operation, model,
// prompt, scale, seed, results, a painted mask for inpaint), with progress, Cancel, errors by
// the field they are about and the result over the original with a divider. Loads on the
// first "Edit".
import {
  Alert,
  Box,
  Button,
  Group,
  NumberInput,
  Progress,
  SegmentedControl,
  Select,
  SimpleGrid,
  Stack,
  Text,
  Textarea,
  Title,
} from '@mantine/core';
import { lazy, Suspense, useState } from 'react';
import type { MediaAIEditOperation, MediaAIGenerateRequest, MediaAsset } from '../core/index';
import { useAsset } from '../react/index';
import { type UseAssetEditorResult, useAssetEditor } from '../react/use-asset-editor';
import { useCropRect } from '../react/use-crop-rect';
import { BeforeAfterCompare } from './before-after-compare';
import { comboboxProps } from './combobox-props';
import { CropFrame } from './crop-frame';
import { MaskPainter } from './mask-painter';
import { mutedText } from './preset-colors';

const ExportForButton = lazy(() => import('./export-for-button'));

/** Props of {@link AssetEditPanel}. */
export interface AssetEditPanelProps {
  assetId: string;
  /** Shows the new version (e.g. selects it and opens its details). */
  onSelectAsset?(id: string): void;
  /**
   * Takes a generated image's settings (prompt, negative prompt, seed, size, model) back to
   * the generate form: with it, an AI image shows "Use all". The library screen opens its
   * generate dialog with them.
   */
  onUseSettings?(settings: Partial<MediaAIGenerateRequest>): void;
}

const operationLabels: Record<MediaAIEditOperation, string> = {
  edit: 'Edit',
  inpaint: 'Inpaint',
  outpaint: 'Outpaint',
  variation: 'Variation',
  upscale: 'Upscale',
  'remove-background': 'Remove background',
};

const FREE = 'Free';
const cropRatios = [FREE, '1:1', '4:5', '3:2', '4:3', '16:9', '9:16'];
const sides = ['top', 'right', 'bottom', 'left'] as const;

/**
 * Edits asset `assetId` into new assets; the original stays as it is. Rotate, flip, crop and
 * "Export for…" run in the browser; the AI edits appear when the provider's generator has
 * `editImages`, filtered by its models' operations.
 *
 * @example
 * <AssetEditPanel assetId={asset.id} onSelectAsset={select} onUseSettings={openGenerate} />
 */
export function AssetEditPanel({ assetId, onSelectAsset, onUseSettings }: AssetEditPanelProps) {
  const asset = useAsset(assetId);
  const editor = useAssetEditor(assetId);
  if (!asset) {
    return (
      <Text size="sm" c={mutedText}>
        This asset is no longer in the library.
      </Text>
    );
  }
  const result = editor.results[0];
  const settings = onUseSettings && generateSettingsOf(asset);
  return (
    <Stack gap="sm" aria-busy={editor.running}>
      <QuickEdits asset={asset} editor={editor} onSelectAsset={onSelectAsset} />
      {settings && (
        <Group gap="xs">
          <Button size="xs" variant="light" onClick={() => onUseSettings?.(settings)}>
            Use all
          </Button>
          <Text size="xs" c={mutedText}>
            Prompt, negative prompt, seed, size and model back into Generate
          </Text>
        </Group>
      )}
      {editor.operations.length > 0 && editor.operation && (
        <AIEditForm asset={asset} editor={editor} operation={editor.operation} />
      )}
      <EditStatus editor={editor} />
      {result && <BeforeAfterCompare before={asset} after={result} onSelectAsset={onSelectAsset} />}
    </Stack>
  );
}

/** A generated image's settings, in the generate form's terms; undefined for other assets. */
export function generateSettingsOf(asset: MediaAsset): Partial<MediaAIGenerateRequest> | undefined {
  const source = asset.source;
  if (source.type !== 'ai') return undefined;
  const settings: Partial<MediaAIGenerateRequest> = { prompt: source.prompt, model: source.model };
  if (source.negativePrompt) settings.negativePrompt = source.negativePrompt;
  if (source.seed !== undefined) settings.seed = source.seed;
  const width = source.width ?? asset.width;
  const height = source.height ?? asset.height;
  if (width && height) Object.assign(settings, { width, height });
  return settings;
}

interface QuickEditsProps {
  asset: MediaAsset;
  editor: UseAssetEditorResult;
  onSelectAsset: ((id: string) => void) | undefined;
}

/** Rotate, flip, crop to a ratio or to a rectangle drawn over the image, and "Export for…". */
function QuickEdits({ asset, editor, onSelectAsset }: QuickEditsProps) {
  const [ratio, setRatio] = useState('1:1');
  const [adjusting, setAdjusting] = useState(false);
  const width = asset.width ?? 0;
  const height = asset.height ?? 0;
  const crop = useCropRect({ width, height, aspect: ratio === FREE ? undefined : ratio });
  const framing = (adjusting || ratio === FREE) && width > 0 && height > 0;
  const { running } = editor;
  const quick = (label: string, run: () => void) => (
    <Button size="xs" variant="default" disabled={running} onClick={run}>
      {label}
    </Button>
  );
  return (
    <Stack gap="xs">
      <Group gap="xs" aria-label="Quick edits" role="group">
        {quick('Rotate left', () => editor.transform({ rotate: 270 }))}
        {quick('Rotate right', () => editor.transform({ rotate: 90 }))}
        {quick('Flip horizontally', () => editor.transform({ flip: 'horizontal' }))}
        {quick('Flip vertically', () => editor.transform({ flip: 'vertical' }))}
        <Group gap={4} wrap="nowrap">
          <Select
            comboboxProps={comboboxProps}
            size="xs"
            w={90}
            aria-label="Crop ratio"
            data={cropRatios}
            value={ratio}
            allowDeselect={false}
            onChange={(value) => value && setRatio(value)}
          />
          {ratio !== FREE && width > 0 && (
            <Button
              size="xs"
              variant="subtle"
              aria-pressed={adjusting}
              onClick={() => setAdjusting((a) => !a)}
            >
              Adjust
            </Button>
          )}
          {quick('Crop', () =>
            editor.transform({
              crop:
                framing || ratio === FREE ? crop.rect : { aspect: ratio as `${number}:${number}` },
            }),
          )}
        </Group>
        <Suspense fallback={null}>
          <ExportForButton asset={asset} onSelectAsset={onSelectAsset} />
        </Suspense>
      </Group>
      {framing && <CropFrame asset={{ ...asset, width, height }} crop={crop} />}
    </Stack>
  );
}

interface AIEditFormProps {
  asset: MediaAsset;
  editor: UseAssetEditorResult;
  operation: MediaAIEditOperation;
}

/** The AI edit: operation, model, prompt, the operation's own fields, results, seed, run. */
function AIEditForm({ asset, editor, operation }: AIEditFormProps) {
  const { values, setValue, fieldErrors, running } = editor;
  const needsPrompt = operation === 'edit' || operation === 'inpaint';
  const takesPrompt = needsPrompt || operation === 'outpaint' || operation === 'variation';
  return (
    <Stack gap="xs">
      <Title order={3} size="h6">
        AI edit
      </Title>
      <SegmentedControl
        size="xs"
        aria-label="Operation"
        value={operation}
        onChange={(value) => editor.setOperation(value as MediaAIEditOperation)}
        data={editor.operations.map((op) => ({ value: op, label: operationLabels[op] }))}
      />
      {editor.models.length > 1 && (
        <Select
          comboboxProps={comboboxProps}
          size="xs"
          label="Model"
          data={editor.models.map((m) => ({ value: m.id, label: m.label }))}
          value={editor.model ?? null}
          allowDeselect={false}
          error={fieldErrors.model}
          onChange={(value) => value && editor.setModel(value)}
        />
      )}
      {takesPrompt && (
        <Textarea
          size="xs"
          label="Prompt"
          autosize
          minRows={2}
          required={needsPrompt}
          value={values.prompt}
          error={fieldErrors.prompt}
          onChange={(event) => setValue('prompt', event.currentTarget.value)}
        />
      )}
      {operation === 'inpaint' && (
        <MaskPainter
          asset={asset}
          onChange={(mask) => setValue('mask', mask)}
          {...(fieldErrors.mask ? { error: fieldErrors.mask } : {})}
        />
      )}
      <OperationFields editor={editor} operation={operation} takesPrompt={takesPrompt} />
      <Group gap="xs" grow>
        <NumberInput
          size="xs"
          label="Results"
          min={1}
          value={values.n}
          error={fieldErrors.n}
          onChange={(value) => setValue('n', Number(value))}
        />
        <NumberInput
          size="xs"
          label="Seed"
          min={0}
          allowDecimal={false}
          placeholder="Random"
          value={values.seed ?? ''}
          error={fieldErrors.seed}
          onChange={(value) => setValue('seed', value === '' ? undefined : Number(value))}
        />
      </Group>
      <Group gap="xs">
        <Button size="xs" loading={running} onClick={() => editor.run()}>
          {operationLabels[operation]}
        </Button>
        {running && (
          <Button size="xs" variant="default" onClick={editor.cancel}>
            Cancel
          </Button>
        )}
      </Group>
    </Stack>
  );
}

/** Scale for an upscale, the sides of an outpaint, strength for the prompt-led edits. */
function OperationFields({
  editor,
  operation,
  takesPrompt,
}: {
  editor: UseAssetEditorResult;
  operation: MediaAIEditOperation;
  takesPrompt: boolean;
}) {
  const { values, setValue, fieldErrors } = editor;
  return (
    <>
      {operation === 'upscale' && (
        <Box>
          <Text size="xs" fw={500} id="edit-scale-label">
            Scale
          </Text>
          <SegmentedControl
            size="xs"
            aria-labelledby="edit-scale-label"
            value={String(values.scale)}
            onChange={(value) => setValue('scale', value === '4' ? 4 : 2)}
            data={[
              { value: '2', label: '×2' },
              { value: '4', label: '×4' },
            ]}
          />
        </Box>
      )}
      {operation === 'outpaint' && (
        <SimpleGrid cols={4} spacing={6}>
          {sides.map((side, index) => (
            <NumberInput
              key={side}
              size="xs"
              label={`${side[0]?.toUpperCase()}${side.slice(1)} (px)`}
              min={0}
              max={2048}
              value={values.outpaint[side]}
              error={index === 0 ? fieldErrors.outpaint : undefined}
              onChange={(value) =>
                setValue('outpaint', { ...values.outpaint, [side]: Number(value) || 0 })
              }
            />
          ))}
        </SimpleGrid>
      )}
      {takesPrompt && operation !== 'outpaint' && (
        <NumberInput
          size="xs"
          label="Strength (0–1, how far from the original)"
          min={0}
          max={1}
          step={0.05}
          decimalScale={2}
          placeholder="Model default"
          value={values.strength ?? ''}
          error={fieldErrors.strength}
          onChange={(value) => setValue('strength', value === '' ? undefined : Number(value))}
        />
      )}
    </>
  );
}

/** Progress while an edit runs, and a failure that is about no one field. */
function EditStatus({ editor }: { editor: UseAssetEditorResult }) {
  return (
    <>
      {editor.running && (
        <Stack gap={4} role="status">
          <Text size="xs" c={mutedText}>
            {editor.progress?.message ??
              (editor.progress?.stage === 'importing' ? 'Saving…' : 'Working…')}
          </Text>
          <Progress
            size="sm"
            value={editor.progress?.percent ?? 100}
            animated={editor.progress?.percent === undefined}
            aria-label="Edit progress"
          />
        </Stack>
      )}
      {editor.error && !editor.error.field && (
        <Alert color="red" variant="light" p="xs" role="alert">
          {editor.error.message}
        </Alert>
      )}
    </>
  );
}
