// @vitest-environment happy-dom
// "Export for…" from the details: every platform format previewed over the image with its crop
// (and a safe zone where the platform covers part of it), a choice by click, "Add to library"
// through the generator's transformImage landing a new asset that names its original and the
// format, "Show it" handing that asset on, and a refusal shown in words.
import { cleanup, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { MediaAIGenerator, MediaAITransformRequest } from '../core/ai-types';
import { pngBytes } from '../core/testing/library-harness';
import type { MediaLibrary } from '../core/types';
import { ExportForButton } from './export-for-button';
import { closeLibraries, createTestLibrary, renderPreset } from './test-utils';

afterEach(() => {
  cleanup();
  closeLibraries();
});

function resizingGenerator(fail?: Error) {
  const calls: MediaAITransformRequest[] = [];
  const generator: MediaAIGenerator = {
    generateImages: async () => [],
    async transformImage(request) {
      calls.push(request);
      if (fail) throw fail;
      return new File([pngBytes(calls.length + 50, request.width, request.height)], 'out.png', {
        type: 'image/png',
      });
    },
  };
  return { generator, calls };
}

async function photo(library: MediaLibrary) {
  await library.ready;
  const file = new File([pngBytes(3, 800, 600)], 'harbour.png', { type: 'image/png' });
  const [result] = await library.importFiles([file]);
  if (result?.status !== 'imported') throw new Error('import failed');
  return result.asset;
}

describe('ExportForButton', { timeout: 20_000 }, () => {
  it('previews every format and adds the chosen one as a new asset with its lineage', async () => {
    const library = createTestLibrary();
    const original = await photo(library);
    const { generator, calls } = resizingGenerator();
    const onSelectAsset = vi.fn();
    const { user } = renderPreset(
      <ExportForButton asset={original} onSelectAsset={onSelectAsset} />,
      { library, ai: generator },
    );
    await user.click(await screen.findByRole('button', { name: 'Export for…' }));
    const group = await screen.findByRole('group', { name: 'Platform formats' });
    const cards = group.querySelectorAll('[data-format]');
    expect(cards).toHaveLength(10);
    const story = group.querySelector('[data-format="instagram-story"]') as HTMLElement;
    const square = group.querySelector('[data-format="instagram-square"]') as HTMLElement;
    // An 800 × 600 photo keeps its middle 338 columns for a 9:16 story.
    expect(story.querySelector('[data-part="outside"]')?.getAttribute('d')).toContain(
      'M231 0v600h338v-600Z',
    );
    expect(story.querySelector('[data-part="safe-zone"]')).not.toBeNull();
    expect(square.querySelector('[data-part="safe-zone"]')).toBeNull();
    expect(square.getAttribute('aria-pressed')).toBe('true');

    await user.click(story);
    expect(story.getAttribute('aria-pressed')).toBe('true');
    expect(square.getAttribute('aria-pressed')).toBe('false');
    expect(
      screen.getByText(/Instagram story, 1080 × 1920, resized on the image server/),
    ).toBeTruthy();
    await user.click(screen.getByRole('button', { name: 'Add to library' }));
    await waitFor(() => expect(library.query().total).toBe(2));
    expect(calls).toEqual([
      expect.objectContaining({
        width: 1080,
        height: 1920,
        preset: 'instagram-story',
        format: 'png',
      }),
    ]);
    const made = library.query().items.find((a) => a.id !== original.id);
    expect(made?.source).toMatchObject({
      type: 'edit',
      operation: 'export',
      parentId: original.id,
      format: 'instagram-story',
    });
    expect([made?.width, made?.height]).toEqual([1080, 1920]);
    await user.click(await screen.findByRole('button', { name: 'Show it' }));
    expect(onSelectAsset).toHaveBeenCalledWith(made?.id);
  });

  it('shows the server’s refusal in words and adds nothing', async () => {
    const library = createTestLibrary();
    const original = await photo(library);
    const refusal = Object.assign(new Error('The image is too large for the server.'), {
      code: 'payload_too_large_custom',
    });
    const { generator } = resizingGenerator(refusal);
    const { user } = renderPreset(<ExportForButton asset={original} />, { library, ai: generator });
    await user.click(await screen.findByRole('button', { name: 'Export for…' }));
    await user.click(await screen.findByRole('button', { name: 'Add to library' }));
    expect((await screen.findByRole('alert')).textContent).toContain('too large for the server');
    expect(library.query().total).toBe(1);
  });

  it('offers nothing for a file that is not an image', async () => {
    const library = createTestLibrary();
    await library.ready;
    const [text] = await library.importFiles([new File(['hi'], 'a.txt', { type: 'text/plain' })]);
    if (text?.status !== 'imported') throw new Error('import failed');
    renderPreset(<ExportForButton asset={text.asset} />, { library });
    expect(screen.queryByRole('button', { name: 'Export for…' })).toBeNull();
  });
});
