// The generate form's size and advanced fields, each bounded by the model's limits and shown
// only when the model takes it; values, errors and their wording come from useGenerateForm.
import type { UseGenerateFormResult } from '../react/index';
import { input } from './classes';
import { describedBy, PanelField } from './panel-field';

/** The size preset select, and width and height once the person picks a custom size. */
export function GenerateSizeFields({ form }: { form: UseGenerateFormResult }) {
  const limits = form.model?.limits;
  return (
    <>
      <PanelField label="Size" htmlFor="medialoft-generate-size" error={form.getErrorProps('size')}>
        <select {...form.getFieldProps('size')} className={input}>
          {form.sizePresets.map((p) => (
            <option key={p.value} value={p.value}>
              {p.label}
            </option>
          ))}
          <option value="custom">Custom size</option>
        </select>
      </PanelField>
      {form.values.size === 'custom' && (
        <div className="grid grid-cols-2 gap-3">
          <PanelField
            label="Width (px)"
            htmlFor="medialoft-generate-width"
            error={form.getErrorProps('width')}
          >
            <input
              {...form.getFieldProps('width')}
              type="number"
              min={limits?.minWidth}
              max={limits?.maxWidth}
              step={64}
              className={input}
            />
          </PanelField>
          <PanelField
            label="Height (px)"
            htmlFor="medialoft-generate-height"
            error={form.getErrorProps('height')}
          >
            <input
              {...form.getFieldProps('height')}
              type="number"
              min={limits?.minHeight}
              max={limits?.maxHeight}
              step={64}
              className={input}
            />
          </PanelField>
        </div>
      )}
    </>
  );
}

/** Negative prompt, steps, seed and number of images; hidden until the toggle opens them. */
export function GenerateAdvancedFields({ form }: { form: UseGenerateFormResult }) {
  const { model } = form;
  const limits = model?.limits;
  return (
    <div
      id="medialoft-generate-advanced"
      hidden={!form.advancedOpen}
      className="flex flex-col gap-3"
    >
      {model?.capabilities?.negativePrompt !== false && (
        <PanelField
          label="Negative prompt"
          htmlFor="medialoft-generate-negativePrompt"
          hint="What the image should not contain"
          error={form.getErrorProps('negativePrompt')}
        >
          <NegativePrompt form={form} />
        </PanelField>
      )}
      <div className="grid grid-cols-1 gap-3 sm:grid-cols-3">
        {model?.capabilities?.steps !== false && (
          <PanelField
            label="Steps"
            htmlFor="medialoft-generate-steps"
            error={form.getErrorProps('steps')}
          >
            <input
              {...form.getFieldProps('steps')}
              type="number"
              min={limits?.minSteps}
              max={limits?.maxSteps}
              placeholder={String(model?.defaults?.steps ?? 'default')}
              className={input}
            />
          </PanelField>
        )}
        {model?.capabilities?.seed !== false && (
          <PanelField
            label="Seed"
            htmlFor="medialoft-generate-seed"
            error={form.getErrorProps('seed')}
          >
            <input
              {...form.getFieldProps('seed')}
              type="number"
              min={0}
              placeholder="random"
              className={input}
            />
          </PanelField>
        )}
        <PanelField
          label="Number of images"
          htmlFor="medialoft-generate-n"
          error={form.getErrorProps('n')}
        >
          <input
            {...form.getFieldProps('n')}
            type="number"
            min={1}
            max={limits?.maxN}
            className={input}
          />
        </PanelField>
      </div>
    </div>
  );
}

function NegativePrompt({ form }: { form: UseGenerateFormResult }) {
  const props = form.getFieldProps('negativePrompt');
  return (
    <textarea
      {...props}
      aria-describedby={describedBy(
        props['aria-describedby'],
        'medialoft-generate-negativePrompt-hint',
      )}
      rows={1}
      className={`${input} resize-y`}
    />
  );
}
