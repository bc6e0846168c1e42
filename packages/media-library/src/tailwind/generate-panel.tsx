// The generate form in Tailwind: prompt, model, size preset or custom size, advanced settings,
// cost estimate, progress with Cancel, previews and the outcome. Every rule (limits, wording,
// outcome) lives in useGenerateForm; this module only draws its state.
import type { MediaAIGenerateRequest, MediaAsset } from '../core/index';
import { formatUsd } from '../core/index';
import { type UseAIGenerationResult, useGenerateForm } from '../react/index';
import { input, linkButton, muted } from './classes';
import { GenerateAdvancedFields, GenerateSizeFields } from './generate-fields';
import { GenerateStatus } from './generate-status';
import { describedBy, PanelField } from './panel-field';

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
  /** Extra classes for the form, e.g. spacing from the host's layout. */
  className?: string;
}

/**
 * A complete generate form bound to the provider's AI generator. Render inside
 * `MediaLibraryProvider` with an `ai` generator.
 */
export function GeneratePanel({
  initial,
  onGenerated,
  generation,
  className = '',
}: GeneratePanelProps) {
  const form = useGenerateForm({ initial, onGenerated, generation });
  const { models, model, cost } = form;
  if (!form.generation.aiAvailable)
    return (
      <div role="note" className={`flex flex-col gap-1 text-sm ${className}`}>
        <p className="font-semibold">AI generation is not set up</p>
        <p className={muted}>This library has no image generator.</p>
      </div>
    );
  const limits = model?.limits;
  const modelProps = form.getFieldProps('model');
  return (
    // The form checks the model's limits itself and says why in words, not the browser's bubble.
    <form {...form.getFormProps()} noValidate className={`flex flex-col gap-3 ${className}`}>
      <PanelField
        label="Prompt"
        htmlFor="medialoft-generate-prompt"
        error={form.getErrorProps('prompt')}
      >
        <textarea
          {...form.getFieldProps('prompt')}
          rows={3}
          placeholder="A red fox asleep in fresh snow, morning light"
          className={`${input} resize-y`}
        />
      </PanelField>
      {models.length > 0 && (
        <PanelField
          label="Model"
          htmlFor="medialoft-generate-model"
          error={form.getErrorProps('model')}
          hint={
            limits?.maxWidth
              ? `Up to ${limits.maxWidth} × ${limits.maxHeight ?? limits.maxWidth} px`
              : undefined
          }
        >
          <select
            {...modelProps}
            aria-describedby={describedBy(
              modelProps['aria-describedby'],
              Boolean(limits?.maxWidth) && 'medialoft-generate-model-hint',
            )}
            className={input}
          >
            {models.map((m) => (
              <option key={m.id} value={m.id} disabled={m.live === false}>
                {m.label}
                {m.live === false ? ' (not available)' : ''}
              </option>
            ))}
          </select>
        </PanelField>
      )}
      <GenerateSizeFields form={form} />
      <button
        type="button"
        className={`${linkButton} self-start`}
        aria-expanded={form.advancedOpen}
        aria-controls="medialoft-generate-advanced"
        onClick={() => form.setAdvancedOpen(!form.advancedOpen)}
      >
        {form.advancedOpen ? 'Hide advanced settings' : 'Advanced settings'}
      </button>
      <GenerateAdvancedFields form={form} />
      {cost && (
        <p className={`text-sm ${muted}`} data-medialoft-cost={cost.total}>
          Estimated cost: {formatUsd(cost.total)}
          {cost.count > 1 ? ` (${cost.count} × ${formatUsd(cost.each)})` : ''}
        </p>
      )}
      <GenerateStatus form={form} />
    </form>
  );
}
