// @vitest-environment happy-dom
// The generate panel shows a generator's previews as they arrive, each image's latest one in
// its place, and the generated image replaces them once it lands.
import { act, cleanup, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { MediaAIGenerateOptions, MediaAIGenerator } from '../core/index';
import { GeneratePanel } from './generate-panel';
import { closeLibraries, pngFile, renderPreset } from './test-utils';

afterEach(() => {
  cleanup();
  closeLibraries();
  vi.restoreAllMocks();
});

/** A generator that hands the test its options and answers when the test says so. */
function steppedGenerator() {
  let options: MediaAIGenerateOptions | undefined;
  let finish!: () => void;
  const ai: MediaAIGenerator = {
    async generateImages(request, opts = {}) {
      options = opts;
      await new Promise<void>((resolve) => {
        finish = resolve;
      });
      return [
        {
          file: pngFile(3, 'final.png', request.width, request.height),
          metadata: { provider: 'local', model: 'stepped', prompt: request.prompt },
        },
      ];
    },
  };
  const partial = (partialIndex: number) =>
    act(() =>
      options?.onPartialImage?.({
        index: 0,
        partialIndex,
        blob: new Blob([new Uint8Array([partialIndex])], { type: 'image/png' }),
      }),
    );
  return { ai, partial, called: () => options !== undefined, finish: () => finish() };
}

describe('GeneratePanel previews', { timeout: 20_000 }, () => {
  it('shows the latest preview while generating, then the image in its place', async () => {
    let next = 0;
    const live = new Set<string>();
    vi.spyOn(URL, 'createObjectURL').mockImplementation(() => {
      const url = `blob:preview-${next++}`;
      live.add(url);
      return url;
    });
    vi.spyOn(URL, 'revokeObjectURL').mockImplementation((url) => void live.delete(url));
    const stepped = steppedGenerator();
    const onGenerated = vi.fn();
    const { user } = renderPreset(
      <GeneratePanel
        initial={{ prompt: 'a red fox', width: 512, height: 512 }}
        onGenerated={onGenerated}
      />,
      { ai: stepped.ai },
    );
    // The panel's preview code loads after it mounts.
    await act(async () => {
      await import('../core/ai-previews');
      await new Promise((resolve) => setTimeout(resolve, 0));
    });
    await user.click(screen.getByRole('button', { name: 'Generate' }));
    await waitFor(() => expect(stepped.called()).toBe(true));
    expect(screen.queryByRole('img', { name: /^Preview/ })).toBeNull();

    stepped.partial(0);
    const first = await screen.findByRole('img', { name: 'Preview of image 1' });
    const firstUrl = first.getAttribute('src');
    expect(firstUrl).toMatch(/^blob:preview-/);

    stepped.partial(1);
    await waitFor(() =>
      expect(screen.getByRole('img', { name: 'Preview of image 1' }).getAttribute('src')).not.toBe(
        firstUrl,
      ),
    );
    expect(screen.getAllByRole('img', { name: /^Preview/ })).toHaveLength(1);
    const secondUrl = screen.getByRole('img', { name: 'Preview of image 1' }).getAttribute('src');
    expect(live.has(firstUrl as string)).toBe(false);

    await act(async () => stepped.finish());
    await waitFor(() => expect(onGenerated).toHaveBeenCalledTimes(1));
    expect(screen.queryByRole('img', { name: /^Preview/ })).toBeNull();
    // Both previews' URLs are revoked (the image shown now has its own).
    expect([firstUrl, secondUrl].filter((url) => live.has(url as string))).toEqual([]);
    // The generated image is shown where its preview was.
    const [asset] = onGenerated.mock.calls[0]?.[0] ?? [];
    expect(asset?.alt).toBe('a red fox');
    await waitFor(() =>
      expect(document.querySelector('[data-state="done"] [data-status]')).not.toBeNull(),
    );
    expect(screen.getByText('Added 1 image to the library.')).toBeTruthy();
  });

  it('shows no pictures for a generator that sends no previews', async () => {
    const stepped = steppedGenerator();
    const { user } = renderPreset(
      <GeneratePanel initial={{ prompt: 'a red fox', width: 512, height: 512 }} />,
      { ai: stepped.ai },
    );
    await user.click(screen.getByRole('button', { name: 'Generate' }));
    await waitFor(() => expect(stepped.called()).toBe(true));
    expect(document.querySelector('[data-state="previews"]')).toBeNull();
  });
});
