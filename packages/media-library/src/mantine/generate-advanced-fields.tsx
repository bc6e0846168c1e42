// The generate panel's advanced section: negative prompt, steps, seed and number of images,
// each shown only when the model supports it and bounded by the model's limits.
import { Collapse, Group, NumberInput, Stack, Textarea } from '@mantine/core';
import type { MediaAIModelInfo } from '../core/index';
import type { FieldErrors } from './generate-validation';
import { mutedDescription } from './preset-colors';

/** The advanced values of a generate request. */
export interface AdvancedValues {
  negativePrompt: string;
  steps?: number;
  seed?: number;
  n?: number;
}

/** Props of {@link GenerateAdvancedFields}. */
export interface GenerateAdvancedFieldsProps {
  expanded: boolean;
  values: AdvancedValues;
  onChange(patch: Partial<AdvancedValues>): void;
  model?: MediaAIModelInfo;
  errors: FieldErrors;
  disabled?: boolean;
}

const num = (value: string | number) => (value === '' ? undefined : Number(value));

/** The collapsible advanced fields; the toggle lives in the panel (aria-controls this id). */
export function GenerateAdvancedFields({
  expanded,
  values,
  onChange,
  model,
  errors,
  disabled,
}: GenerateAdvancedFieldsProps) {
  const limits = model?.limits;
  return (
    <Collapse expanded={expanded} id="medialoft-generate-advanced">
      <Stack gap="sm">
        {model?.capabilities?.negativePrompt !== false && (
          <Textarea
            label="Negative prompt"
            styles={mutedDescription}
            description="What the image should not contain"
            autosize
            minRows={1}
            value={values.negativePrompt}
            onChange={(e) => onChange({ negativePrompt: e.currentTarget.value })}
            error={errors.negativePrompt}
            disabled={disabled}
          />
        )}
        <Group grow align="flex-start">
          {model?.capabilities?.steps !== false && (
            <NumberInput
              label="Steps"
              value={values.steps ?? ''}
              onChange={(v) => onChange({ steps: num(v) })}
              placeholder={String(model?.defaults?.steps ?? 'default')}
              min={limits?.minSteps}
              max={limits?.maxSteps}
              error={errors.steps}
              disabled={disabled}
              clampBehavior="none"
              allowDecimal={false}
            />
          )}
          {model?.capabilities?.seed !== false && (
            <NumberInput
              label="Seed"
              value={values.seed ?? ''}
              onChange={(v) => onChange({ seed: num(v) })}
              placeholder="random"
              min={0}
              error={errors.seed}
              disabled={disabled}
              clampBehavior="none"
              allowDecimal={false}
            />
          )}
          <NumberInput
            label="Number of images"
            value={values.n ?? ''}
            onChange={(v) => onChange({ n: num(v) })}
            min={1}
            max={limits?.maxN}
            error={errors.n}
            disabled={disabled}
            clampBehavior="none"
            allowDecimal={false}
          />
        </Group>
      </Stack>
    </Collapse>
  );
}
