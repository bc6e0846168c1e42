// @vitest-environment happy-dom
// The generate panel against a mock generator and a real library: sizes are checked against
// the chosen model's limits with the field marked, server errors land on their field, and a
// successful run adds AI assets; a parent's generation outlives the panel.
import { cleanup, screen, waitFor, within } from '@testing-library/react';
import { useState } from 'react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { MediaAIGenerator, MediaAIModelInfo } from '../core/index';
import { useAIGeneration } from '../react/index';
import { GeneratePanel } from './generate-panel';
import { gatedGenerator } from './test-generators';
import { closeLibraries, pngFile, renderPreset } from './test-utils';

afterEach(() => {
  cleanup();
  closeLibraries();
});

const models: MediaAIModelInfo[] = [
  {
    id: 'small',
    label: 'Small model',
    provider: 'local',
    limits: {
      minWidth: 256,
      maxWidth: 768,
      minHeight: 256,
      maxHeight: 768,
      maxN: 2,
      maxPromptLength: 200,
    },
    costPerImageUsd: 0.003,
  },
  {
    id: 'big',
    label: 'Big model',
    provider: 'local',
    limits: { minWidth: 256, maxWidth: 2048, minHeight: 256, maxHeight: 2048, maxN: 4 },
  },
];

function generator(overrides: Partial<MediaAIGenerator> = {}): MediaAIGenerator {
  return {
    listModels: async () => models,
    generateImages: vi.fn(async (request) => [
      {
        file: pngFile(7, 'generated.png', request.width, request.height),
        metadata: { provider: 'local', model: request.model ?? 'small', prompt: request.prompt },
      },
    ]),
    ...overrides,
  };
}

/** A parent that keeps the generation and can take the panel away while it runs. */
function ParentOfPanel() {
  const generation = useAIGeneration();
  const [shown, setShown] = useState(true);
  return (
    <>
      <button type="button" onClick={() => setShown((s) => !s)}>
        {shown ? 'Hide' : 'Show'}
      </button>
      {generation.aiGenerating && (
        <button type="button" onClick={generation.cancel}>
          Stop {generation.progress?.percent}%
        </button>
      )}
      {shown && <GeneratePanel generation={generation} initial={{ width: 512, height: 512 }} />}
    </>
  );
}

describe('GeneratePanel', { timeout: 20_000 }, () => {
  it('marks the size field when the preset is larger than the model allows', async () => {
    const ai = generator();
    const { user } = renderPreset(<GeneratePanel />, { ai });
    const size = screen.getByRole('combobox', { name: 'Size' });
    await waitFor(() => expect(screen.getByRole('combobox', { name: 'Model' })).toBeTruthy());
    // The default 1024 × 1024 is beyond the small model's 768 px.
    await waitFor(() => expect(size.getAttribute('aria-invalid')).toBe('true'));
    expect(screen.getByText(/outside what Small model can make/)).toBeTruthy();
    expect(screen.getByLabelText('Cost estimate').textContent).toContain('$0.003');

    await user.type(screen.getByRole('textbox', { name: 'Prompt' }), 'a fox');
    await user.click(screen.getByRole('button', { name: 'Generate' }));
    expect(ai.generateImages).not.toHaveBeenCalled();

    await user.click(size);
    await user.click(await screen.findByRole('option', { name: /^768 × 768/ }));
    await waitFor(() => expect(size.getAttribute('aria-invalid')).not.toBe('true'));

    await user.click(screen.getByRole('combobox', { name: 'Size' }));
    await user.click(await screen.findByRole('option', { name: 'Custom size' }));
    const width = screen.getByRole('textbox', { name: 'Width' });
    await user.clear(width);
    await user.type(width, '900');
    await waitFor(() => expect(width.getAttribute('aria-invalid')).toBe('true'));
    expect(screen.getByText(/Width must be between 256 and 768/)).toBeTruthy();
  });

  it('offers only models that make images from a prompt, never an edit-only one', async () => {
    const upscaler: MediaAIModelInfo = {
      id: 'upscaler',
      label: 'Upscaler',
      provider: 'local',
      capabilities: { operations: ['upscale'] },
    };
    const drawing: MediaAIModelInfo = {
      id: 'drawing',
      label: 'Drawing model',
      provider: 'local',
      capabilities: { operations: ['generate', 'variation'] },
    };
    const ai = generator({ listModels: async () => [upscaler, drawing, ...models] });
    const { user } = renderPreset(<GeneratePanel initial={{ width: 512, height: 512 }} />, { ai });
    const model = await screen.findByRole('combobox', { name: 'Model' });
    // The first model that can generate is chosen, not the edit-only one listed first.
    await waitFor(() => expect((model as HTMLInputElement).value).toBe('Drawing model'));
    await user.click(model);
    expect(await screen.findByRole('option', { name: /Small model/ })).toBeTruthy();
    expect(screen.queryByRole('option', { name: /Upscaler/ })).toBeNull();
  });

  it('asks for a prompt before generating, then adds the image to the library', async () => {
    const ai = generator();
    const onGenerated = vi.fn();
    const { user, library } = renderPreset(
      <GeneratePanel initial={{ width: 512, height: 512 }} onGenerated={onGenerated} />,
      { ai },
    );
    await waitFor(() => expect(screen.getByRole('combobox', { name: 'Model' })).toBeTruthy());
    await user.click(screen.getByRole('button', { name: 'Generate' }));
    const prompt = screen.getByRole('textbox', { name: 'Prompt' });
    expect(prompt.getAttribute('aria-invalid')).toBe('true');
    expect(screen.getByText('Describe the image you want.')).toBeTruthy();

    await user.type(prompt, 'a red fox');
    await user.click(screen.getByRole('button', { name: 'Generate' }));
    await waitFor(() => expect(onGenerated).toHaveBeenCalledTimes(1));
    expect(ai.generateImages).toHaveBeenCalledWith(
      expect.objectContaining({
        prompt: 'a red fox',
        width: 512,
        height: 512,
        model: 'small',
        n: 1,
      }),
      expect.anything(),
    );
    const [asset] = library.query().items;
    expect(asset?.source).toMatchObject({ type: 'ai', prompt: 'a red fox' });
    expect(screen.getByText('Added 1 image to the library.')).toBeTruthy();
  });

  it("shows the server's error in words and marks the field it names", async () => {
    const failure = Object.assign(new Error('steps must be at most 50 for this model.'), {
      code: 'invalid_request',
      field: 'steps',
    });
    const ai = generator({ generateImages: vi.fn(async () => Promise.reject(failure)) });
    const { user } = renderPreset(
      <GeneratePanel initial={{ prompt: 'a fox', width: 512, height: 512, steps: 80 }} />,
      { ai },
    );
    await waitFor(() => expect(screen.getByRole('combobox', { name: 'Model' })).toBeTruthy());
    await user.click(screen.getByRole('button', { name: 'Generate' }));
    const alert = await screen.findByRole('alert');
    expect(within(alert).getByText('steps must be at most 50 for this model.')).toBeTruthy();
    expect(screen.getByRole('textbox', { name: 'Steps' }).getAttribute('aria-invalid')).toBe(
      'true',
    );
  });

  it('marks the size the server refused, until the size changes', async () => {
    const refuse = (field: string) =>
      Object.assign(
        new Error(`${field} must be a whole number between 64 and 1024 for Big model.`),
        {
          code: 'invalid_request',
          field,
        },
      );
    const generateImages = vi
      .fn<NonNullable<MediaAIGenerator['generateImages']>>()
      .mockRejectedValueOnce(refuse('width'))
      .mockRejectedValueOnce(refuse('height'));
    const { user } = renderPreset(
      // 1536 × 1024 is within Big model's limits as listed, so only the server objects.
      <GeneratePanel initial={{ prompt: 'a fox', model: 'big', width: 1536, height: 1024 }} />,
      { ai: generator({ generateImages }) },
    );
    await waitFor(() => expect(screen.getByRole('combobox', { name: 'Model' })).toBeTruthy());
    const width = screen.getByRole('textbox', { name: 'Width' });
    expect(width.getAttribute('aria-invalid')).not.toBe('true');
    await user.click(screen.getByRole('button', { name: 'Generate' }));
    await screen.findByRole('alert');
    await waitFor(() => expect(width.getAttribute('aria-invalid')).toBe('true'));
    expect(screen.getByRole('textbox', { name: 'Height' }).getAttribute('aria-invalid')).not.toBe(
      'true',
    );
    // In the alert and under the field it is about.
    expect(screen.getAllByText(/width must be a whole number between 64 and 1024/)).toHaveLength(2);

    await user.clear(width);
    await user.type(width, '1024');
    await waitFor(() => expect(width.getAttribute('aria-invalid')).not.toBe('true'));

    // With a preset size, the refusal lands on the Size select.
    const size = screen.getByRole('combobox', { name: 'Size' });
    await user.click(size);
    await user.click(await screen.findByRole('option', { name: /^1024 × 1024/ }));
    await user.click(screen.getByRole('button', { name: 'Generate' }));
    await waitFor(() => expect(generateImages).toHaveBeenCalledTimes(2));
    await waitFor(() => expect(size.getAttribute('aria-invalid')).toBe('true'));
  });

  it("drives the parent's generation, which outlives the panel and is canceled from outside", async () => {
    const gated = gatedGenerator();
    const { user, library } = renderPreset(<ParentOfPanel />, { ai: gated.ai });
    await user.type(screen.getByRole('textbox', { name: 'Prompt' }), 'a fox');
    await user.click(screen.getByRole('button', { name: 'Generate' }));
    await screen.findByRole('progressbar', { name: 'Generation progress' });

    await user.click(screen.getByRole('button', { name: 'Hide' }));
    expect(screen.queryByRole('form', { name: 'Generate images' })).toBeNull();
    expect(screen.getByRole('button', { name: 'Stop 40%' })).toBeTruthy();
    // A panel mounted again shows the run it did not start, with its Cancel.
    await user.click(screen.getByRole('button', { name: 'Show' }));
    expect(
      screen
        .getByRole('progressbar', { name: 'Generation progress' })
        .getAttribute('aria-valuenow'),
    ).toBe('40');
    expect(screen.getByRole('button', { name: 'Generate' }).hasAttribute('disabled')).toBe(true);
    expect(screen.getByRole('button', { name: 'Cancel' })).toBeTruthy();

    await user.click(screen.getByRole('button', { name: 'Hide' }));
    await user.click(screen.getByRole('button', { name: 'Stop 40%' }));
    await waitFor(() => expect(gated.signals[0]?.aborted).toBe(true));
    await waitFor(() => expect(screen.queryByRole('button', { name: /^Stop/ })).toBeNull());
    gated.finish();
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(library.query().total).toBe(0);
  });
});
