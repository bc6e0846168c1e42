// @vitest-environment happy-dom
// The details panel edits the real record: title on blur, tags added and removed.
import { cleanup, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { AssetDetailsPanel } from './asset-details-panel';
import { closeLibraries, createTestLibrary, pngFile, renderPreset } from './test-utils';

afterEach(() => {
  cleanup();
  closeLibraries();
});

describe('AssetDetailsPanel', { timeout: 20_000 }, () => {
  it('saves the title and tags a person edits', async () => {
    const library = createTestLibrary();
    await library.ready;
    const [result] = await library.importFiles([pngFile(1, 'fox.png')]);
    const id = result?.status === 'imported' ? result.asset.id : '';
    const { user } = renderPreset(
      <AssetDetailsPanel assetId={id} onClose={() => {}} collections={[]} />,
      { library },
    );

    const title = screen.getByRole('textbox', { name: 'Title' });
    await user.type(title, 'Sleeping fox');
    await user.tab();
    await waitFor(() => expect(library.get(id)?.title).toBe('Sleeping fox'));

    const tags = screen.getByRole('combobox', { name: 'Tags' });
    await user.type(tags, 'winter{Enter}');
    await user.type(tags, 'animals{Enter}');
    await waitFor(() => expect(library.get(id)?.tags).toEqual(['winter', 'animals']));

    // Backspace in the empty field removes the last tag, as in any tag input: the last one
    // shown, so the field must show the library's change first (it renders a moment later).
    await screen.findByText('animals');
    await user.type(tags, '{Backspace}');
    await waitFor(() => expect(library.get(id)?.tags).toEqual(['winter']));

    await user.click(screen.getByRole('button', { name: 'Favorite' }));
    await waitFor(() => expect(library.get(id)?.favorite).toBe(true));
  });

  it('offers the prompt of an AI asset again', async () => {
    const library = createTestLibrary();
    await library.ready;
    const source = {
      type: 'ai' as const,
      provider: 'local',
      model: 'sdxl',
      prompt: 'a fox',
      seed: 42,
      width: 768,
      height: 512,
    };
    const [result] = await library.importFiles([
      { blob: pngFile(2, 'fox.png'), name: 'fox.png', source },
    ]);
    const id = result?.status === 'imported' ? result.asset.id : '';
    const onReusePrompt = vi.fn();
    const { user } = renderPreset(
      <AssetDetailsPanel
        assetId={id}
        onClose={() => {}}
        collections={[]}
        onReusePrompt={onReusePrompt}
      />,
      { library },
    );
    expect(screen.getByText('AI')).toBeTruthy();
    await user.click(screen.getByRole('button', { name: 'Use this prompt again' }));
    expect(onReusePrompt).toHaveBeenCalledWith(
      expect.objectContaining({
        prompt: 'a fox',
        model: 'sdxl',
        seed: 42,
        width: 768,
        height: 512,
      }),
    );
  });
});
