// The generate form without a look: fields and their setters, size presets, the model's limits
// checked as the person types, the server's refusals in words on the field at fault, the cost
// estimate, progress, previews, cancel and the outcome. A styled form only renders this state.
import { useEffect, useState } from 'react';
import type { MediaAIGenerateRequest, MediaAIModelInfo } from '../core/ai-types';
import { explainGenerateError } from '../core/generate-errors';
import {
  type FieldErrors,
  type GenerateField,
  type SizePreset,
  sizePresets,
  validateRequest,
} from '../core/generate-validation';
import type { MediaAsset } from '../core/types';
import { type UseAIGenerationResult, useAIGeneration } from './use-ai-generation';

/** Options of {@link useGenerateForm}. */
export interface UseGenerateFormOptions {
  /** Values to start from, e.g. an asset's settings for "Use this prompt again". */
  initial?: Partial<MediaAIGenerateRequest>;
  /** Called with the new assets after a generation lands in the library. */
  onGenerated?(assets: MediaAsset[]): void;
  /**
   * The generation to start, show and cancel: a `useAIGeneration()` of a parent that outlives
   * the form (a dialog closed mid-generation). Default: the form's own.
   */
  generation?: UseAIGenerationResult;
}

/** The form's editable values; `size` is a preset's `value` or 'custom'. */
export interface GenerateFormValues {
  prompt: string;
  negativePrompt: string;
  size: string;
  width?: number;
  height?: number;
  steps?: number;
  seed?: number;
  n?: number;
}

/** A field a prop getter serves: the form values plus the model picker. */
export type GenerateFormField = keyof GenerateFormValues | 'model';

/** Where the form stands, also its `data-state`. */
export type GenerateFormState = 'idle' | 'generating' | 'done' | 'canceled' | 'failed';

/**
 * Props to spread on a field's input; a styled input takes `value` and `onChange`. (A type
 * rather than an interface: its ARIA and `data-*` keys are quoted names.)
 */
export type GenerateFieldProps = {
  id: string;
  name: GenerateFormField;
  value: string | number;
  /** Takes an input's change event or the value itself (what a styled input reports). */
  onChange(input: { currentTarget: { value: string } } | string | number | null): void;
  disabled: boolean;
  'aria-invalid': boolean;
  /** The id of the field's error message, while it has one (see `getErrorProps`). */
  'aria-describedby'?: string;
  'data-invalid'?: '';
};

/** Props of the element that shows a field's error: its id and the message in words. */
export interface GenerateErrorProps {
  id: string;
  children: string;
}

/** What {@link useGenerateForm} returns. */
export interface UseGenerateFormResult {
  /** The generation behind the form: availability, progress, previews, resumed jobs. */
  generation: UseAIGenerationResult;
  /** Models that can generate from a prompt; empty until listed or when none are listed. */
  models: MediaAIModelInfo[];
  /** The chosen model's id, and its description when listed. */
  modelId: string | null;
  model?: MediaAIModelInfo;
  setModelId(id: string | null): void;
  values: GenerateFormValues;
  /** Changes some values; picking a preset `size` also sets its width and height. */
  setValues(patch: Partial<GenerateFormValues>): void;
  sizePresets: SizePreset[];
  /** The request a submit sends. */
  request: MediaAIGenerateRequest;
  /** Field → message for each field to fix: size errors at once, the rest after a submit. */
  errors: FieldErrors;
  /** Why the latest generation failed, or why a resumed one could not finish, in words. */
  failure?: string;
  /** True when a field of the advanced section needs looking at, or it was opened. */
  advancedOpen: boolean;
  setAdvancedOpen(open: boolean): void;
  /** Estimated price in USD for all images and for one, when the model says. */
  cost?: { total: number; each: number; count: number };
  busy: boolean;
  state: GenerateFormState;
  /** The images that just landed (empty while generating). */
  results: MediaAsset[];
  /** "Added 2 images to the library." or the cancel notice; undefined otherwise. */
  outcomeMessage?: string;
  /** Checks, then generates; field errors instead when a check fails. */
  submit(): Promise<void>;
  cancel(): void;
  getFormProps(): {
    onSubmit(event?: { preventDefault(): void }): void;
    'aria-label': string;
    'data-state': GenerateFormState;
  };
  getFieldProps(field: GenerateFormField): GenerateFieldProps;
  /** The field's error for display, linked from its input; undefined while it has none. */
  getErrorProps(field: GenerateFormField): GenerateErrorProps | undefined;
}

type Outcome = { kind: 'idle' } | { kind: 'done'; count: number } | { kind: 'canceled' };
const numberFields = new Set<GenerateFormField>(['width', 'height', 'steps', 'seed', 'n']);
const advancedFields = new Set<GenerateField>(['negativePrompt', 'steps', 'seed']);

function startValues(initial: Partial<MediaAIGenerateRequest> | undefined): GenerateFormValues {
  const width = initial?.width ?? 1024;
  const height = initial?.height ?? 1024;
  const size = `${width}x${height}`;
  return {
    prompt: initial?.prompt ?? '',
    negativePrompt: initial?.negativePrompt ?? '',
    size: sizePresets.some((p) => p.value === size) ? size : 'custom',
    width,
    height,
    steps: initial?.steps,
    seed: initial?.seed,
    n: initial?.n ?? 1,
  };
}

function toRequest(v: GenerateFormValues, modelId: string | null): MediaAIGenerateRequest {
  return {
    prompt: v.prompt,
    width: v.width ?? 0,
    height: v.height ?? 0,
    ...(modelId ? { model: modelId } : {}),
    ...(v.negativePrompt.trim() ? { negativePrompt: v.negativePrompt.trim() } : {}),
    ...(v.steps !== undefined ? { steps: v.steps } : {}),
    ...(v.seed !== undefined ? { seed: v.seed } : {}),
    ...(v.n !== undefined ? { n: v.n } : {}),
  };
}

/**
 * The behaviour of a generate form, for any markup: bind inputs with `getFieldProps`, the form
 * with `getFormProps`, and show `errors`, `failure`, `cost`, `generation.progress` and
 * `outcomeMessage`. Must be inside a `<MediaLibraryProvider>` with an `ai` generator.
 *
 * @example
 * const form = useGenerateForm({ onGenerated: (assets) => console.log(assets.length) });
 * return (
 *   <form {...form.getFormProps()}>
 *     <textarea {...form.getFieldProps('prompt')} />
 *     {form.getErrorProps('prompt') && <p {...form.getErrorProps('prompt')} />}
 *     <button type="submit" disabled={form.busy}>Generate</button>
 *     {form.busy && <button type="button" onClick={form.cancel}>Cancel</button>}
 *     {form.outcomeMessage && <p role="status">{form.outcomeMessage}</p>}
 *   </form>
 * );
 */
export function useGenerateForm(options: UseGenerateFormOptions = {}): UseGenerateFormResult {
  const { initial, onGenerated } = options;
  const own = useAIGeneration();
  const ai = options.generation ?? own;
  const [models, setModels] = useState<MediaAIModelInfo[]>([]);
  const [modelId, setModelId] = useState<string | null>(initial?.model ?? null);
  const [values, setAll] = useState(() => startValues(initial));
  const [advancedOpen, setAdvancedOpen] = useState(
    Boolean(initial?.negativePrompt || initial?.steps || initial?.seed !== undefined),
  );
  const [submitErrors, setSubmitErrors] = useState<FieldErrors>({});
  // The server's refusal of a size, kept with the size it refused so it goes once that changes.
  const [refusal, setRefusal] = useState<{ key: string; errors: FieldErrors }>();
  const [failure, setFailure] = useState<string>();
  const [outcome, setOutcome] = useState<Outcome>({ kind: 'idle' });
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

  const setValues = (patch: Partial<GenerateFormValues>) => {
    const preset = sizePresets.find((p) => p.value === patch.size);
    setAll((v) => ({
      ...v,
      ...patch,
      ...(preset && { width: preset.width, height: preset.height }),
    }));
  };
  const model = models.find((m) => m.id === modelId);
  const request = toRequest(values, modelId);
  const sizeField = values.size === 'custom' ? 'custom' : 'size';
  // Size errors show as soon as a size or model is picked; the rest wait for submit. A size
  // the check let through but the server refused stays marked until the size or model changes.
  const live = validateRequest(request, model, sizeField);
  const sizeKey = JSON.stringify([modelId, values.size, values.width, values.height]);
  const refused = refusal?.key === sizeKey ? refusal.errors : {};
  const errors: FieldErrors = { ...submitErrors };
  for (const f of ['size', 'width', 'height'] as const) {
    const message = live[f] ?? refused[f];
    if (message) errors[f] = message;
    else delete errors[f];
  }
  const busy = ai.aiGenerating;
  const shownFailure = failure ?? ai.resumed?.error?.message;

  const submit = async () => {
    const found = validateRequest(request, model, sizeField);
    setSubmitErrors(found);
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
      if ((error as { code?: unknown } | null)?.code === 'canceled') {
        setOutcome({ kind: 'canceled' });
        return;
      }
      const { message, field: blamed } = explainGenerateError(error);
      setFailure(message);
      if (!blamed) return;
      // A preset size is one select: the server's width or height complaint marks it.
      const field =
        (blamed === 'width' || blamed === 'height') && sizeField === 'size' ? 'size' : blamed;
      if (field === 'size' || field === 'width' || field === 'height')
        setRefusal({ key: sizeKey, errors: { [field]: message } });
      else setSubmitErrors({ [field]: message });
      if (advancedFields.has(field)) setAdvancedOpen(true);
    }
  };

  const state: GenerateFormState = busy
    ? 'generating'
    : shownFailure
      ? 'failed'
      : outcome.kind === 'idle'
        ? 'idle'
        : outcome.kind;
  const count = outcome.kind === 'done' ? outcome.count : 0;
  const outcomeMessage =
    busy || outcome.kind === 'idle'
      ? undefined
      : outcome.kind === 'canceled'
        ? 'Canceled. Nothing was added to the library.'
        : `Added ${count} image${count === 1 ? '' : 's'} to the library.`;
  const each = model?.costPerImageUsd;

  const errorId = (field: GenerateFormField) => `medialoft-generate-${field}-error`;
  const getFieldProps = (field: GenerateFormField): GenerateFieldProps => {
    const error = errors[field];
    const raw = field === 'model' ? modelId : values[field];
    return {
      id: `medialoft-generate-${field}`,
      name: field,
      value: raw ?? '',
      onChange: (input) => {
        const text =
          input !== null && typeof input === 'object' ? input.currentTarget.value : input;
        if (field === 'model') setModelId(text === null || text === '' ? null : String(text));
        else if (numberFields.has(field))
          setValues({ [field]: text === '' || text === null ? undefined : Number(text) });
        else
          setValues({ [field]: text === null ? (field === 'size' ? 'custom' : '') : String(text) });
      },
      disabled: busy,
      'aria-invalid': Boolean(error),
      ...(error ? { 'aria-describedby': errorId(field), 'data-invalid': '' as const } : {}),
    };
  };
  const getErrorProps = (field: GenerateFormField) => {
    const message = errors[field];
    return message ? { id: errorId(field), children: message } : undefined;
  };

  return {
    generation: ai,
    models,
    modelId,
    model,
    setModelId,
    values,
    setValues,
    sizePresets,
    request,
    errors,
    failure: busy ? undefined : shownFailure,
    advancedOpen,
    setAdvancedOpen,
    cost:
      each === undefined
        ? undefined
        : { each, count: values.n ?? 1, total: each * (values.n ?? 1) },
    busy,
    state,
    results: busy ? [] : results,
    outcomeMessage,
    submit,
    cancel: ai.cancel,
    getFormProps: () => ({
      onSubmit: (event) => {
        event?.preventDefault();
        void submit();
      },
      'aria-label': 'Generate images',
      'data-state': state,
    }),
    getFieldProps,
    getErrorProps,
  };
}
