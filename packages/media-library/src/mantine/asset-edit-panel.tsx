// The edit studio of one asset: quick in-browser rotate, flip and crop, and the AI edits the
// generator's models take (operation, model, prompt, scale, seed, results, a painted mask for
// inpaint), with progress, Cancel, errors by the field they are about and the result beside
// the original. Loads on the first "Edit".
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
import { useState } from 'react';
import type { CropAspect, MediaAIEditOperation, MediaAsset } from '../core/index';
import { useAsset } from '../react/index';
import { useAssetEditor } from '../react/use-asset-editor';
import { AssetThumbnail } from './asset-thumbnail';
import { assetLabel } from './format';
import { MaskPainter } from './mask-painter';
import { mutedText } from './preset-colors';

/** Props of {@link AssetEditPanel}. */
export interface AssetEditPanelProps {
  assetId: string;
  /** Shows the new version (e.g. selects it and opens its details). */
  onSelectAsset?(id: string): void;
}

const operationLabels: Record<MediaAIEditOperation, string> = {
  edit: 'Edit',
  inpaint: 'Inpaint',
  outpaint: 'Outpaint',
  variation: 'Variation',
  upscale: 'Upscale',
  'remove-background': 'Remove background',
};

const cropRatios: CropAspect[] = ['1:1', '4:5', '3:2', '4:3', '16:9', '9:16'];
const sides = ['top', 'right', 'bottom', 'left'] as const;

/** Edits asset `assetId` into new assets; the original stays as it is. */
export function AssetEditPanel({ assetId, onSelectAsset }: AssetEditPanelProps) {
  const asset = useAsset(assetId);
  const editor = useAssetEditor(assetId);
  const [ratio, setRatio] = useState<CropAspect>('1:1');
  if (!asset) {
    return (
      <Text size="sm" c={mutedText}>
        This asset is no longer in the library.
      </Text>
    );
  }
  const { operation, values, setValue, fieldErrors, running } = editor;
  const errorOf = (field: keyof typeof fieldErrors) => fieldErrors[field];
  const result = editor.results[0];
  const needsPrompt = operation === 'edit' || operation === 'inpaint';
  const takesPrompt = needsPrompt || operation === 'outpaint' || operation === 'variation';

  return (
    <Stack gap="sm" aria-busy={running}>
      <Group gap="xs" aria-label="Quick edits" role="group">
        <Button
          size="xs"
          variant="default"
          disabled={running}
          onClick={() => editor.transform({ rotate: 270 })}
        >
          Rotate left
        </Button>
        <Button
          size="xs"
          variant="default"
          disabled={running}
          onClick={() => editor.transform({ rotate: 90 })}
        >
          Rotate right
        </Button>
        <Button
          size="xs"
          variant="default"
          disabled={running}
          onClick={() => editor.transform({ flip: 'horizontal' })}
        >
          Flip horizontally
        </Button>
        <Button
          size="xs"
          variant="default"
          disabled={running}
          onClick={() => editor.transform({ flip: 'vertical' })}
        >
          Flip vertically
        </Button>
        <Group gap={4} wrap="nowrap">
          <Select
            size="xs"
            w={90}
            aria-label="Crop ratio"
            data={cropRatios}
            value={ratio}
            allowDeselect={false}
            onChange={(value) => value && setRatio(value as CropAspect)}
          />
          <Button
            size="xs"
            variant="default"
            disabled={running}
            onClick={() => editor.transform({ crop: { aspect: ratio } })}
          >
            Crop
          </Button>
        </Group>
      </Group>

      {editor.operations.length > 0 && operation && (
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
              size="xs"
              label="Model"
              data={editor.models.map((m) => ({ value: m.id, label: m.label }))}
              value={editor.model ?? null}
              allowDeselect={false}
              error={errorOf('model')}
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
              error={errorOf('prompt')}
              onChange={(event) => setValue('prompt', event.currentTarget.value)}
            />
          )}
          {operation === 'inpaint' && (
            <MaskPainter
              asset={asset}
              onChange={(mask) => setValue('mask', mask)}
              {...(errorOf('mask') ? { error: errorOf('mask') as string } : {})}
            />
          )}
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
                  error={index === 0 ? errorOf('outpaint') : undefined}
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
              error={errorOf('strength')}
              onChange={(value) => setValue('strength', value === '' ? undefined : Number(value))}
            />
          )}
          <Group gap="xs" grow>
            <NumberInput
              size="xs"
              label="Results"
              min={1}
              value={values.n}
              error={errorOf('n')}
              onChange={(value) => setValue('n', Number(value))}
            />
            <NumberInput
              size="xs"
              label="Seed"
              min={0}
              allowDecimal={false}
              placeholder="Random"
              value={values.seed ?? ''}
              error={errorOf('seed')}
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
      )}

      {running && (
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
      {result && <Compare before={asset} after={result} onSelectAsset={onSelectAsset} />}
    </Stack>
  );
}

/** The original and the newest result side by side, with a way to the result. */
function Compare({
  before,
  after,
  onSelectAsset,
}: {
  before: MediaAsset;
  after: MediaAsset;
  onSelectAsset: ((id: string) => void) | undefined;
}) {
  return (
    <Stack gap={6} component="section" aria-label="Before and after">
      <SimpleGrid cols={2} spacing="xs">
        {[
          { label: 'Before', asset: before },
          { label: 'After', asset: after },
        ].map(({ label, asset }) => (
          <Stack key={label} gap={2}>
            <Text size="xs" fw={500}>
              {label}
              {asset.width && asset.height ? ` · ${asset.width} × ${asset.height}` : ''}
            </Text>
            <AssetThumbnail asset={asset} variant="original" fit="contain" ratio={1} />
          </Stack>
        ))}
      </SimpleGrid>
      {onSelectAsset && (
        <Button size="xs" variant="light" onClick={() => onSelectAsset(after.id)}>
          {`Show ${assetLabel(after)}`}
        </Button>
      )}
    </Stack>
  );
}
