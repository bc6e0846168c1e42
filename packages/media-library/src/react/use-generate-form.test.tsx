// @vitest-environment happy-dom
// useGenerateForm over a real library and a mock generator, with no markup: the model list,
// fields bound through prop getters, the model's limits as field errors, the server's refusals
// in words on their field, the cost, a generation's outcome, and cancel.
import 'fake-indexeddb/auto';
import {
  act,
  cleanup,
  fireEvent,
  render,
  renderHook,
  screen,
  waitFor,
} from '@testing-library/react';
import { IDBFactory } from 'fake-indexeddb';
import type { ReactNode } from 'react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { MediaAIGenerator, MediaAIModelInfo } from '../core/ai-types';
import { createMediaLibrary } from '../core/library';
import { createMemoryBlobStore } from '../core/storage/memory-blob-store';
import { pngFile } from '../core/testing/library-harness';
import type { MediaLibrary } from '../core/types';
import { MediaLibraryProvider } from './media-library-provider';
import { type UseGenerateFormOptions, useGenerateForm } from './use-generate-form';

let library: MediaLibrary;
afterEach(() => {
  cleanup();
  library?.close();
});

const models: MediaAIModelInfo[] = [
  {
    id: 'upscale',
    label: 'Upscaler',
    provider: 'local',
    capabilities: { operations: ['upscale'] },
  },
  { id: 'offline', label: 'Offline model', provider: 'local', live: false },
  {
    id: 'small',
    label: 'Small model',
    provider: 'local',
    limits: { minWidth: 256, maxWidth: 768, minHeight: 256, maxHeight: 768, maxN: 2 },
    costPerImageUsd: 0.003,
  },
];

function generator(overrides: Partial<MediaAIGenerator> = {}): MediaAIGenerator {
  return {
    listModels: async () => models,
    generateImages: vi.fn(async (request) =>
      Array.from({ length: request.n ?? 1 }, (_, i) => ({
        file: pngFile(10 + i, `generated-${i}.png`),
        metadata: { provider: 'local', model: request.model ?? 'small', prompt: request.prompt },
      })),
    ),
    ...overrides,
  };
}

function openLibrary() {
  library = createMediaLibrary({
    name: `use-generate-form-${Math.random()}`,
    indexedDB: new IDBFactory(),
    blobStore: createMemoryBlobStore(),
    broadcast: false,
    thumbnails: false,
  });
  return library;
}

function setup(ai: MediaAIGenerator, options: UseGenerateFormOptions = {}) {
  openLibrary();
  const wrapper = ({ children }: { children: ReactNode }) => (
    <MediaLibraryProvider library={library} ai={ai}>
      {children}
    </MediaLibraryProvider>
  );
  return renderHook(() => useGenerateForm(options), { wrapper });
}

/** Plain markup bound only through the prop getters, as an app without the preset would. */
function PlainForm() {
  const form = useGenerateForm({ initial: { width: 512, height: 512 } });
  const promptError = form.getErrorProps('prompt');
  return (
    <form {...form.getFormProps()}>
      <label>
        Prompt
        <textarea {...form.getFieldProps('prompt')} />
      </label>
      {promptError && <p {...promptError} />}
      <label>
        Size
        <select {...form.getFieldProps('size')}>
          {form.sizePresets.map((p) => (
            <option key={p.value} value={p.value}>
              {p.label}
            </option>
          ))}
          <option value="custom">Custom size</option>
        </select>
      </label>
      <button type="submit">Generate</button>
      {form.outcomeMessage && <p role="status">{form.outcomeMessage}</p>}
    </form>
  );
}

/** What an input's change event carries, for the prop getters' onChange. */
const typed = (value: string) => ({ currentTarget: { value } });

describe('useGenerateForm', () => {
  it('lists only models that generate from a prompt and picks the first that runs', async () => {
    const { result } = setup(generator());
    await waitFor(() => expect(result.current.models).toHaveLength(2));
    expect(result.current.models.map((m) => m.id)).toEqual(['offline', 'small']);
    expect(result.current.modelId).toBe('small');
    expect(result.current.getFieldProps('model').value).toBe('small');
  });

  it('asks for a prompt before generating, the field marked and its error linked', async () => {
    const ai = generator();
    const { result } = setup(ai);
    await waitFor(() => expect(result.current.modelId).toBe('small'));
    expect(result.current.getFieldProps('prompt')['aria-invalid']).toBe(false);
    await act(() => result.current.submit());
    const prompt = result.current.getFieldProps('prompt');
    const error = result.current.getErrorProps('prompt');
    expect(error?.children).toBe('Describe the image you want.');
    expect(prompt['aria-invalid']).toBe(true);
    expect(prompt['aria-describedby']).toBe(error?.id);
    expect(prompt['data-invalid']).toBe('');
    expect(ai.generateImages).not.toHaveBeenCalled();

    act(() => result.current.getFieldProps('prompt').onChange(typed('a heron')));
    expect(result.current.values.prompt).toBe('a heron');
  });

  it("checks the size against the model's limits as soon as it is picked", async () => {
    const { result } = setup(generator());
    await waitFor(() => expect(result.current.modelId).toBe('small'));
    // The starting 1024 × 1024 preset is over the small model's 768 px.
    expect(result.current.errors.size).toMatch(/1024 × 1024 is outside what Small model can make/);
    act(() => result.current.getFieldProps('size').onChange('768x768'));
    expect(result.current.values).toMatchObject({ width: 768, height: 768 });
    expect(result.current.errors.size).toBeUndefined();
    act(() => result.current.getFieldProps('size').onChange('custom'));
    act(() => result.current.getFieldProps('width').onChange(typed('900')));
    expect(result.current.values.width).toBe(900);
    expect(result.current.errors.width).toBe('Width must be between 256 and 768. (Small model)');
    expect(result.current.getFieldProps('width')['aria-invalid']).toBe(true);
    expect(result.current.getFieldProps('height')['aria-invalid']).toBe(false);
  });

  it('estimates the cost, generates, and says what was added', async () => {
    const ai = generator();
    const onGenerated = vi.fn();
    const { result } = setup(ai, {
      initial: { prompt: 'a fox', width: 512, height: 512, negativePrompt: '  blur ' },
      onGenerated,
    });
    await waitFor(() => expect(result.current.modelId).toBe('small'));
    expect(result.current.advancedOpen).toBe(true);
    act(() => result.current.getFieldProps('n').onChange(2));
    expect(result.current.cost).toEqual({ each: 0.003, count: 2, total: 0.006 });
    expect(result.current.getFormProps()['data-state']).toBe('idle');
    await act(async () => result.current.getFormProps().onSubmit({ preventDefault() {} }));
    await waitFor(() => expect(result.current.state).toBe('done'));
    expect(ai.generateImages).toHaveBeenCalledWith(
      { prompt: 'a fox', width: 512, height: 512, model: 'small', negativePrompt: 'blur', n: 2 },
      expect.anything(),
    );
    expect(result.current.outcomeMessage).toBe('Added 2 images to the library.');
    expect(result.current.results).toHaveLength(2);
    expect(onGenerated).toHaveBeenCalledWith(result.current.results);
    expect(library.query().items).toHaveLength(2);
  });

  it("puts the server's refusal in words on the field it names", async () => {
    const refusal = Object.assign(new Error('Seed too large for this model.'), {
      code: 'invalid_input',
      field: 'seed',
    });
    const ai = generator({ generateImages: vi.fn().mockRejectedValue(refusal) });
    const { result } = setup(ai, { initial: { prompt: 'a fox', width: 512, height: 512 } });
    await waitFor(() => expect(result.current.modelId).toBe('small'));
    expect(result.current.advancedOpen).toBe(false);
    await act(() => result.current.submit());
    expect(result.current.errors.seed).toBe('Seed too large for this model.');
    expect(result.current.failure).toBe('Seed too large for this model.');
    expect(result.current.advancedOpen).toBe(true);
    expect(result.current.state).toBe('failed');
  });

  it('marks the preset a server refused by width until another size is picked', async () => {
    const refusal = Object.assign(new Error('Width not supported.'), {
      code: 'invalid_request',
      field: 'width',
    });
    const ai = generator({ generateImages: vi.fn().mockRejectedValue(refusal) });
    const { result } = setup(ai, { initial: { prompt: 'a fox', width: 512, height: 512 } });
    await waitFor(() => expect(result.current.modelId).toBe('small'));
    await act(() => result.current.submit());
    expect(result.current.errors.size).toBe('Width not supported.');
    expect(result.current.errors.width).toBeUndefined();
    act(() => result.current.setValues({ size: '768x768' }));
    expect(result.current.errors.size).toBeUndefined();
  });

  it('words a rate limit by its code, with the wait', async () => {
    const limited = Object.assign(new Error('429'), { code: 'rate_limited', retryAfterMs: 2500 });
    const ai = generator({ generateImages: vi.fn().mockRejectedValue(limited) });
    const { result } = setup(ai, { initial: { prompt: 'a fox', width: 512, height: 512 } });
    await waitFor(() => expect(result.current.modelId).toBe('small'));
    await act(() => result.current.submit());
    expect(result.current.failure).toBe(
      'Too many images were requested just now. Try again in 3 s.',
    );
  });

  it('shows progress while generating, and a cancel adds nothing', async () => {
    const ai: MediaAIGenerator = {
      async generateImages(_request, { signal, onProgress } = {}) {
        onProgress?.({ stage: 'generating', percent: 40, message: 'Rendering' });
        return new Promise((_, reject) => {
          signal?.addEventListener('abort', () => reject(signal.reason), { once: true });
        });
      },
    };
    const { result } = setup(ai, { initial: { prompt: 'a fox', width: 512, height: 512 } });
    let run!: Promise<void>;
    act(() => {
      run = result.current.submit();
    });
    await waitFor(() => expect(result.current.generation.progress?.percent).toBe(40));
    expect(result.current.busy).toBe(true);
    expect(result.current.state).toBe('generating');
    expect(result.current.getFieldProps('prompt').disabled).toBe(true);
    await act(async () => {
      result.current.cancel();
      await run;
    });
    expect(result.current.state).toBe('canceled');
    expect(result.current.outcomeMessage).toBe('Canceled. Nothing was added to the library.');
    expect(result.current.failure).toBeUndefined();
    expect(library.query().items).toHaveLength(0);
  });

  it('drives plain markup through its prop getters and data-state', async () => {
    const ai = generator();
    openLibrary();
    render(
      <MediaLibraryProvider library={library} ai={ai}>
        <PlainForm />
      </MediaLibraryProvider>,
    );
    const form = screen.getByRole('form', { name: 'Generate images' });
    const prompt = screen.getByLabelText('Prompt');
    expect(form.getAttribute('data-state')).toBe('idle');
    fireEvent.submit(form);
    await waitFor(() => expect(prompt.getAttribute('aria-invalid')).toBe('true'));
    const describedBy = prompt.getAttribute('aria-describedby') ?? '';
    expect(document.getElementById(describedBy)?.textContent).toBe('Describe the image you want.');

    fireEvent.change(prompt, { target: { value: 'a lighthouse at dusk' } });
    fireEvent.change(screen.getByLabelText('Size'), { target: { value: '768x768' } });
    // As in the styled panel, a submit-time error stays until the next submit checks again.
    expect(prompt.getAttribute('aria-invalid')).toBe('true');
    fireEvent.submit(form);
    expect(await screen.findByRole('status')).toHaveProperty(
      'textContent',
      'Added 1 image to the library.',
    );
    expect(form.getAttribute('data-state')).toBe('done');
    expect(prompt.getAttribute('aria-invalid')).toBe('false');
    expect(prompt.hasAttribute('aria-describedby')).toBe(false);
    expect(ai.generateImages).toHaveBeenCalledWith(
      expect.objectContaining({ prompt: 'a lighthouse at dusk', width: 768, height: 768 }),
      expect.anything(),
    );
  });
});
