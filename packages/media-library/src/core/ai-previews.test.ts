import { describe, expect, it } from 'vitest';
import {
  type GenerationPreview,
  type PreviewSession,
  PreviewUrls,
  previewSession,
} from './ai-previews';

/** Counts the URLs made and revoked, so a test can tell which are still alive. */
function countingUrls() {
  let next = 0;
  const live = new Set<string>();
  const revoked: string[] = [];
  return {
    live,
    revoked,
    api: {
      createObjectURL: () => {
        const url = `blob:preview-${next++}`;
        live.add(url);
        return url;
      },
      revokeObjectURL: (url: string) => {
        if (!live.delete(url)) throw new Error(`${url} revoked twice or never made`);
        revoked.push(url);
      },
    },
  };
}

const blob = new Blob([new Uint8Array([0x89, 0x50, 0x4e, 0x47])], { type: 'image/png' });

describe('PreviewUrls', () => {
  it('keeps the latest preview per image and revokes the one it replaces', () => {
    const urls = countingUrls();
    const previews = new PreviewUrls(urls.api);
    expect(previews.set({ index: 1, partialIndex: 0, blob })).toBe(true);
    expect(previews.set({ index: 0, partialIndex: 0, blob })).toBe(true);
    expect(previews.list().map((p) => [p.index, p.partialIndex, p.url])).toEqual([
      [0, 0, 'blob:preview-1'],
      [1, 0, 'blob:preview-0'],
    ]);
    expect(previews.set({ index: 1, partialIndex: 1, blob })).toBe(true);
    expect(urls.revoked).toEqual(['blob:preview-0']);
    expect(previews.list().map((p) => p.url)).toEqual(['blob:preview-1', 'blob:preview-2']);
    expect([...urls.live].sort()).toEqual(['blob:preview-1', 'blob:preview-2']);
  });

  it('ignores a preview older than the one shown, making no URL for it', () => {
    const urls = countingUrls();
    const previews = new PreviewUrls(urls.api);
    previews.set({ index: 0, partialIndex: 2, blob });
    expect(previews.set({ index: 0, partialIndex: 1, blob })).toBe(false);
    expect(previews.set({ index: 0, partialIndex: 2, blob })).toBe(false);
    expect(urls.live.size).toBe(1);
    expect(previews.list()).toMatchObject([{ index: 0, partialIndex: 2 }]);
  });

  it('revokes every URL when disposed and makes none afterwards', () => {
    const urls = countingUrls();
    const previews = new PreviewUrls(urls.api);
    previews.set({ index: 0, partialIndex: 0, blob });
    previews.set({ index: 1, partialIndex: 0, blob });
    previews.set({ index: 1, partialIndex: 1, blob });
    previews.dispose();
    expect(urls.live.size).toBe(0);
    expect(urls.revoked).toHaveLength(3);
    expect(previews.list()).toEqual([]);
    expect(previews.set({ index: 2, partialIndex: 0, blob })).toBe(false);
    expect(urls.live.size).toBe(0);
  });

  it('skips a preview without a Blob', () => {
    const urls = countingUrls();
    const previews = new PreviewUrls(urls.api);
    const bogus = { index: 0, partialIndex: 0, blob: 'not a blob' as unknown as Blob };
    expect(previews.set(bogus)).toBe(false);
    expect(urls.live.size).toBe(0);
  });
});

describe('previewSession', () => {
  it('shows its list, hides it at the end only while it is the one shown, and revokes', () => {
    const urls = countingUrls();
    let shown: GenerationPreview[] | undefined;
    const show = (change: (list?: GenerationPreview[]) => GenerationPreview[] | undefined) => {
      shown = change(shown);
    };
    const sessions = new Set<PreviewSession>();
    const first = previewSession(new AbortController().signal, show, sessions, urls.api);
    const second = previewSession(new AbortController().signal, show, sessions, urls.api);
    expect(sessions.size).toBe(2);
    first.add({ index: 0, partialIndex: 0, blob });
    expect(shown?.map((p) => p.url)).toEqual(['blob:preview-0']);
    second.add({ index: 0, partialIndex: 0, blob });
    expect(shown?.map((p) => p.url)).toEqual(['blob:preview-1']);
    // The first ends while the second's list is shown: the second's stays.
    first.end();
    expect(shown?.map((p) => p.url)).toEqual(['blob:preview-1']);
    expect([...urls.live]).toEqual(['blob:preview-1']);
    second.end();
    expect(shown).toBeUndefined();
    expect(urls.live.size).toBe(0);
    expect(sessions.size).toBe(0);
  });

  it('ignores previews after its signal aborts', () => {
    const urls = countingUrls();
    const controller = new AbortController();
    let calls = 0;
    const session = previewSession(controller.signal, () => void calls++, new Set(), urls.api);
    controller.abort();
    session.add({ index: 0, partialIndex: 0, blob });
    expect(calls).toBe(0);
    expect(urls.live.size).toBe(0);
  });
});
