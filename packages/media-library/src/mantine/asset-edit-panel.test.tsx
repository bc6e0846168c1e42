// @vitest-environment happy-dom
// The edit studio: "Edit" opens it, an upscale ×2 with a fake generator lands
// a new asset whose parent is the original and shows it beside the original, an edit without
// a prompt marks the prompt field, and a generator that cannot edit offers only quick edits.
import { cleanup, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { MediaAIEditRequest, MediaAIGenerator, MediaAIModelInfo } from '../core/ai-types';
import type { MediaLibrary } from '../core/types';
import { AssetDetailsPanel } from './asset-details-panel';
import { AssetEditButton } from './asset-edit-button';
import { AssetEditPanel } from './asset-edit-panel';
import { closeLibraries, createTestLibrary, pngFile, renderPreset } from './test-utils';

afterEach(() => {
  cleanup();
  closeLibraries();
});

const models: MediaAIModelInfo[] = [
  {
    id: 'local/editor',
    label: 'Editor',
    provider: 'local',
    capabilities: { operations: ['edit'] },
  },
  {
    id: 'local/upscaler',
    label: 'Upscaler',
    provider: 'local',
    capabilities: { operations: ['upscale', 'remove-background'] },
  },
];

function editingGenerator() {
  const calls: MediaAIEditRequest[] = [];
  const generator: MediaAIGenerator = {
    generateImages: async () => [],
    listModels: async () => models,
    async editImages(request) {
      calls.push(request);
      return [
        {
          file: pngFile(90, 'big.png', 128, 96),
          metadata: { provider: 'local', model: request.model ?? '' },
        },
      ];
    },
  };
  return { generator, calls };
}

async function photo(library: MediaLibrary) {
  await library.ready;
  const [result] = await library.importFiles([pngFile(1, 'fox.png')]);
  if (result?.status !== 'imported') throw new Error('import failed');
  return result.asset;
}

describe('AssetEditPanel', { timeout: 20_000 }, () => {
  it('opens from Edit, upscales ×2 into a new asset with the original as parent', async () => {
    const library = createTestLibrary();
    const original = await photo(library);
    const { generator, calls } = editingGenerator();
    const onSelectAsset = vi.fn();
    const { user } = renderPreset(
      <AssetEditButton asset={original} onSelectAsset={onSelectAsset} />,
      { library, ai: generator },
    );
    await user.click(await screen.findByRole('button', { name: 'Edit' }));
    await user.click(await screen.findByRole('radio', { name: 'Upscale' }));
    await user.click(screen.getByRole('radio', { name: '×2' }));
    await user.click(screen.getByRole('button', { name: 'Upscale' }));
    await waitFor(() => expect(library.query().total).toBe(2));
    expect(calls).toEqual([
      expect.objectContaining({ operation: 'upscale', scale: 2, model: 'local/upscaler' }),
    ]);
    const made = library.query().items.find((a) => a.id !== original.id);
    expect(made?.source).toMatchObject({ operation: 'upscale', parentId: original.id });
    expect(await screen.findByRole('region', { name: 'Before and after' })).toBeTruthy();
    expect(screen.getByText('After · 128 × 96')).toBeTruthy();
    await user.click(screen.getByRole('button', { name: /^Show / }));
    expect(onSelectAsset).toHaveBeenCalledWith(made?.id);
  });

  it('is opened by Edit in the details of an image', async () => {
    const library = createTestLibrary();
    const original = await photo(library);
    const { user } = renderPreset(
      <AssetDetailsPanel assetId={original.id} collections={[]} onClose={() => {}} />,
      { library, ai: editingGenerator().generator },
    );
    await user.click(await screen.findByRole('button', { name: 'Edit' }));
    expect(await screen.findByRole('radio', { name: 'Upscale' })).toBeTruthy();
    expect(screen.getByRole('dialog', { name: 'Edit image' })).toBeTruthy();
  });

  it('marks the prompt when an edit has none, and sends nothing', async () => {
    const library = createTestLibrary();
    const original = await photo(library);
    const { generator, calls } = editingGenerator();
    const { user } = renderPreset(<AssetEditPanel assetId={original.id} />, {
      library,
      ai: generator,
    });
    await screen.findByRole('radio', { name: 'Edit' });
    await user.click(screen.getByRole('button', { name: 'Edit' }));
    expect(await screen.findByText('Describe the change you want.')).toBeTruthy();
    expect(screen.getByRole('textbox', { name: /Prompt/ }).getAttribute('aria-invalid')).toBe(
      'true',
    );
    expect(calls).toHaveLength(0);
  });

  it('shows progress while an edit runs, and Cancel stops it with nothing added', async () => {
    const library = createTestLibrary();
    const original = await photo(library);
    const generator: MediaAIGenerator = {
      generateImages: async () => [],
      listModels: async () => models,
      editImages: (_request, options) =>
        new Promise((_, reject) => {
          options?.onProgress?.({ stage: 'processing', percent: 40, message: 'Upscaling' });
          options?.signal?.addEventListener('abort', () =>
            reject(new DOMException('canceled', 'AbortError')),
          );
        }),
    };
    const { user } = renderPreset(<AssetEditPanel assetId={original.id} />, {
      library,
      ai: generator,
    });
    await user.click(await screen.findByRole('radio', { name: 'Upscale' }));
    await user.click(screen.getByRole('button', { name: 'Upscale' }));
    expect(await screen.findByText('Upscaling')).toBeTruthy();
    await user.click(screen.getByRole('button', { name: 'Cancel' }));
    expect((await screen.findByRole('alert')).textContent).toBe(
      'The edit was canceled; nothing was added.',
    );
    expect(screen.queryByRole('button', { name: 'Cancel' })).toBeNull();
    expect(library.query().total).toBe(1);
  });

  it('offers only the quick edits when the generator cannot edit', async () => {
    const library = createTestLibrary();
    const original = await photo(library);
    renderPreset(<AssetEditPanel assetId={original.id} />, {
      library,
      ai: { generateImages: async () => [], listModels: async () => models },
    });
    expect(await screen.findByRole('button', { name: 'Rotate left' })).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Crop' })).toBeTruthy();
    expect(screen.queryByRole('radio', { name: 'Upscale' })).toBeNull();
  });

  it('slides the divider between before and after with the keyboard', async () => {
    const library = createTestLibrary();
    const original = await photo(library);
    const { user } = renderPreset(<AssetEditPanel assetId={original.id} />, {
      library,
      ai: editingGenerator().generator,
    });
    await user.click(await screen.findByRole('radio', { name: 'Upscale' }));
    await user.click(screen.getByRole('button', { name: 'Upscale' }));
    const compare = await screen.findByRole('region', { name: 'Before and after' });
    const after = compare.querySelector('[data-part="after"]') as HTMLElement;
    expect(after.style.clipPath).toBe('inset(0 0 0 50%)');
    const divider = screen.getByRole('slider', { name: 'Divider between before and after' });
    divider.focus();
    await user.keyboard('{ArrowRight}{ArrowRight}{ArrowRight}');
    expect(after.style.clipPath).toBe('inset(0 0 0 53%)');
    await user.keyboard('{Home}');
    expect(after.style.clipPath).toBe('inset(0 0 0 0%)');
  });

  it('puts a generated image’s settings back with Use all', async () => {
    const library = createTestLibrary();
    await library.ready;
    const [generated] = await library.importFiles([pngFile(5, 'ai.png', 64, 48)], {
      source: {
        type: 'ai',
        provider: 'local',
        model: 'local/placeholder',
        prompt: 'a kite over dunes',
        negativePrompt: 'text',
        seed: 31,
        width: 64,
        height: 48,
      },
    });
    if (generated?.status !== 'imported') throw new Error('import failed');
    const upload = await photo(library);
    const onUseSettings = vi.fn();
    const { user } = renderPreset(
      <>
        <AssetEditPanel assetId={generated.asset.id} onUseSettings={onUseSettings} />
        <AssetEditPanel assetId={upload.id} onUseSettings={onUseSettings} />
      </>,
      { library },
    );
    const buttons = await screen.findAllByRole('button', { name: 'Use all' });
    expect(buttons).toHaveLength(1);
    await user.click(buttons[0] as HTMLElement);
    expect(onUseSettings).toHaveBeenCalledWith({
      prompt: 'a kite over dunes',
      negativePrompt: 'text',
      seed: 31,
      width: 64,
      height: 48,
      model: 'local/placeholder',
    });
  });

  it('draws a free crop rectangle that the arrows move and Shift and the arrows resize', async () => {
    const library = createTestLibrary();
    await library.ready;
    const [result] = await library.importFiles([pngFile(8, 'wide.png', 400, 200)]);
    if (result?.status !== 'imported') throw new Error('import failed');
    const { user } = renderPreset(<AssetEditPanel assetId={result.asset.id} />, { library });
    expect(screen.queryByRole('application', { name: 'Crop area' })).toBeNull();
    const ratio = (await screen.findAllByLabelText('Crop ratio')).find(
      (e) => e.tagName === 'INPUT',
    );
    await user.click(ratio as HTMLElement);
    await user.click(await screen.findByRole('option', { name: 'Free' }));
    const area = await screen.findByRole('application', { name: 'Crop area' });
    expect(screen.getByText('Crop 400 × 200 at 0, 0')).toBeTruthy();
    area.focus();
    // A step is 1% of the longer side: 4 pixels.
    await user.keyboard('{Shift>}{ArrowLeft}{ArrowLeft}{ArrowUp}{/Shift}');
    expect(screen.getByText('Crop 392 × 196 at 0, 0')).toBeTruthy();
    await user.keyboard('{ArrowRight}{ArrowDown}{ArrowDown}');
    expect(screen.getByText('Crop 392 × 196 at 4, 4')).toBeTruthy();
    await user.keyboard('{Home}');
    expect(screen.getByText('Crop 400 × 200 at 0, 0')).toBeTruthy();
  });

  it('holds the crop rectangle to a fixed ratio under Adjust', async () => {
    const library = createTestLibrary();
    await library.ready;
    const [result] = await library.importFiles([pngFile(9, 'wide.png', 400, 200)]);
    if (result?.status !== 'imported') throw new Error('import failed');
    const { user } = renderPreset(<AssetEditPanel assetId={result.asset.id} />, { library });
    await user.click(screen.getByRole('button', { name: 'Adjust' }));
    const area = await screen.findByRole('application', { name: 'Crop area' });
    expect(screen.getByText('Crop 200 × 200 at 100, 0')).toBeTruthy();
    area.focus();
    await user.keyboard('{Shift>}{ArrowUp}{ArrowUp}{/Shift}{ArrowLeft}');
    expect(screen.getByText('Crop 192 × 192 at 96, 0')).toBeTruthy();
  });

  it('takes Use all from the details’ studio to the details’ reuse, closing the studio', async () => {
    const library = createTestLibrary();
    await library.ready;
    const [generated] = await library.importFiles([pngFile(6, 'ai.png', 64, 48)], {
      source: {
        type: 'ai',
        provider: 'local',
        model: 'local/placeholder',
        prompt: 'a paper boat',
        seed: 12,
      },
    });
    if (generated?.status !== 'imported') throw new Error('import failed');
    const onReusePrompt = vi.fn();
    const { user } = renderPreset(
      <AssetDetailsPanel
        assetId={generated.asset.id}
        collections={[]}
        onClose={() => {}}
        onReusePrompt={onReusePrompt}
      />,
      { library },
    );
    await user.click(await screen.findByRole('button', { name: 'Edit' }));
    await user.click(await screen.findByRole('button', { name: 'Use all' }));
    expect(onReusePrompt).toHaveBeenCalledWith({
      prompt: 'a paper boat',
      seed: 12,
      model: 'local/placeholder',
      width: 64,
      height: 48,
    });
    await waitFor(() => expect(screen.queryByRole('dialog', { name: 'Edit image' })).toBeNull());
  });
});
