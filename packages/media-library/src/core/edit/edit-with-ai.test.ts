// editWithAI over a real library (fake IndexedDB, memory blobs): every result a new asset with
// its lineage, newest first, kept through a reopen and an archive round trip; versionsOf and
// `derivedFrom` over it; typed errors.
import { afterEach, describe, expect, it } from 'vitest';
import type { MediaAIEditRequest, MediaAIGenerateOptions, MediaAIGenerator } from '../ai-types';
import type { MediaLibraryInstance } from '../library';
import { createHarness, pngFile } from '../testing/library-harness';
import type { ImportItemResult, MediaAsset } from '../types';
import { EditNotSupportedError } from './edit-errors';
import { editWithAI } from './edit-with-ai';
import { versionsOf } from './versions';

const opened: MediaLibraryInstance[] = [];
afterEach(() => {
  for (const library of opened.splice(0)) library.close();
});

function open(harness = createHarness({ thumbnails: false })) {
  const library = harness.open();
  opened.push(library);
  return { harness, library };
}

/** A generator whose editImages answers `n` distinct PNGs and records what it was given. */
function editingGenerator() {
  let seed = 100;
  const calls: Array<{ request: MediaAIEditRequest; options?: MediaAIGenerateOptions }> = [];
  const generator: MediaAIGenerator = {
    generateImages: async () => [],
    async editImages(request, options) {
      calls.push({ request, options });
      options?.onProgress?.({ stage: 'processing', percent: 40 });
      return Array.from({ length: request.n ?? 1 }, () => {
        const s = seed++;
        return {
          file: pngFile(s, `edited-${s}.png`),
          metadata: { provider: 'local', model: 'local/editor', seed: s, costUsd: 0.01 },
        };
      });
    },
  };
  return { generator, calls };
}

async function importOne(library: MediaLibraryInstance, seed: number): Promise<MediaAsset> {
  const [result] = await library.importFiles([pngFile(seed, `photo-${seed}.png`)]);
  if (result?.status !== 'imported') throw new Error('import failed');
  return result.asset;
}

function assetsOf(results: Awaited<ReturnType<typeof editWithAI>>): MediaAsset[] {
  return results.map((r) => {
    if (r.status === 'failed') throw r.error;
    return r.asset;
  });
}

describe('editWithAI', () => {
  it('sends the asset bytes and lands every result with its operation and parent', async () => {
    const { library } = open();
    const original = await importOne(library, 1);
    const { generator, calls } = editingGenerator();
    const stages: string[] = [];

    const edited = assetsOf(
      await editWithAI(
        library,
        generator,
        original.id,
        { operation: 'edit', prompt: 'make it snow', n: 2, seed: 9 },
        { onProgress: (p) => stages.push(p.stage) },
      ),
    );

    expect(calls).toHaveLength(1);
    const sent = calls[0]?.request.image as File;
    expect(sent.name).toBe('photo-1.png');
    expect(sent.type).toBe('image/png');
    expect(new Uint8Array(await sent.arrayBuffer())).toEqual(
      new Uint8Array(await pngFile(1).arrayBuffer()),
    );
    expect(stages).toEqual(['processing', 'importing']);
    expect(edited).toHaveLength(2);
    for (const asset of edited) {
      expect(asset.source).toMatchObject({
        type: 'ai',
        operation: 'edit',
        parentId: original.id,
        prompt: 'make it snow',
        provider: 'local',
        model: 'local/editor',
      });
    }
    expect(edited.map((a) => (a.source as { seed?: number }).seed)).toEqual([100, 101]);
    // Newest first: both edits before the original, and the original untouched.
    const order = library.query().items.map((a) => a.id);
    expect(order.indexOf(original.id)).toBe(2);
    expect(library.get(original.id)?.source).toEqual({ type: 'upload' });
    expect(
      library
        .query({ derivedFrom: original.id })
        .items.map((a) => a.id)
        .sort(),
    ).toEqual(edited.map((a) => a.id).sort());
    expect(library.query({ derivedFrom: edited[0]?.id as string }).total).toBe(0);
  });

  it('refuses a generator without editImages with a typed error, before reading anything', async () => {
    const { library } = open();
    const original = await importOne(library, 2);
    const error = await editWithAI(library, { generateImages: async () => [] }, original.id, {
      operation: 'upscale',
      scale: 2,
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(EditNotSupportedError);
    expect(error).toMatchObject({ code: 'edit_unsupported' });
    expect(library.query().total).toBe(1);
  });

  it('says which asset is missing', async () => {
    const { library } = open();
    await library.ready;
    const { generator, calls } = editingGenerator();
    await expect(
      editWithAI(library, generator, 'nope', { operation: 'variation' }),
    ).rejects.toMatchObject({ code: 'not_found', assetId: 'nope' });
    expect(calls).toHaveLength(0);
  });

  it('adds nothing when canceled while the generator runs', async () => {
    const { library } = open();
    const original = await importOne(library, 3);
    const controller = new AbortController();
    const generator: MediaAIGenerator = {
      generateImages: async () => [],
      async editImages() {
        controller.abort();
        return [{ file: pngFile(50) }];
      },
    };
    await expect(
      editWithAI(
        library,
        generator,
        original.id,
        { operation: 'variation' },
        {
          signal: controller.signal,
        },
      ),
    ).rejects.toMatchObject({ code: 'canceled' });
    expect(library.query().total).toBe(1);
  });

  it('keeps lineage through a reopen and relinks it through an archive into another library', async () => {
    const { harness, library } = open();
    const original = await importOne(library, 4);
    const { generator } = editingGenerator();
    const [child] = assetsOf(
      await editWithAI(library, generator, original.id, { operation: 'remove-background' }),
    );
    const [grandchild] = assetsOf(
      await editWithAI(library, generator, child?.id as string, {
        operation: 'upscale',
        scale: 2,
      }),
    );

    library.close();
    const reopened = harness.open();
    opened.push(reopened);
    await reopened.ready;
    expect(reopened.get(grandchild?.id as string)?.source).toMatchObject({
      operation: 'upscale',
      parentId: child?.id,
    });
    const family = versionsOf(reopened.getState().assets, child?.id as string);
    expect(family.parent?.id).toBe(original.id);
    expect(family.children.map((a) => a.id)).toEqual([grandchild?.id]);
    expect(family.versions.map((a) => a.id).sort()).toEqual([original.id, grandchild?.id].sort());
    expect(reopened.getStatistics().bySource).toMatchObject({ upload: 1, ai: 2, edit: 0 });

    const archive = await reopened.exportArchive();
    // Another origin, whose ids start elsewhere: the parent links must follow the new ids.
    const other = createHarness({
      thumbnails: false,
      name: 'other',
      createId: (() => {
        let n = 0;
        return () => `other-${++n}`;
      })(),
    }).open();
    opened.push(other);
    const report = await other.importArchive(archive);
    const local = new Map(
      report.assets.map((r) => [r.id, r.status === 'failed' ? '' : r.asset.id]),
    );
    const newChild = other.get(local.get(child?.id as string) as string);
    const newGrandchild = other.get(local.get(grandchild?.id as string) as string);
    expect(newChild?.id).toMatch(/^other-/);
    expect(newChild?.source).toMatchObject({
      type: 'ai',
      operation: 'remove-background',
      parentId: local.get(original.id),
    });
    expect(newGrandchild?.source).toMatchObject({ operation: 'upscale', parentId: newChild?.id });
    expect(versionsOf(other.getState().assets, newGrandchild?.id as string).parent?.id).toBe(
      newChild?.id,
    );
  });
});

describe('lineage across tabs', () => {
  it('reaches another open instance with the edit', async () => {
    const harness = createHarness({ thumbnails: false });
    const a = harness.open({ broadcast: harness.broadcast });
    const b = harness.open({ broadcast: harness.broadcast });
    opened.push(a, b);
    await Promise.all([a.ready, b.ready]);
    const original = await importOne(a, 7);
    const { generator } = editingGenerator();
    const [variation] = assetsOf(
      await editWithAI(a, generator, original.id, { operation: 'variation' }),
    );
    await expect
      .poll(() => versionsOf(b.getState().assets, variation?.id as string).parent?.id)
      .toBe(original.id);
    expect(b.query({ derivedFrom: original.id }).items.map((x) => x.id)).toEqual([variation?.id]);
  });
});

describe('lineage of in-browser edits in archives', () => {
  it('keeps the crop, rotation and flip and relinks the parent', async () => {
    const { library } = open();
    const original = await importOne(library, 5);
    const [result] = await library.importFiles([
      {
        blob: pngFile(6),
        name: 'photo-5-crop.png',
        source: {
          type: 'edit',
          operation: 'crop',
          parentId: original.id,
          crop: { x: 1, y: 0, width: 3, height: 3 },
          rotate: 90,
          flip: 'horizontal',
        },
      },
    ]);
    const crop = assetsOf([result as ImportItemResult])[0] as MediaAsset;
    const other = createHarness({
      thumbnails: false,
      name: 'restored',
      createId: (() => {
        let n = 0;
        return () => `restored-${++n}`;
      })(),
    }).open();
    opened.push(other);
    const report = await other.importArchive(await library.exportArchive());
    const local = new Map(
      report.assets.map((r) => [r.id, r.status === 'failed' ? '' : r.asset.id]),
    );
    expect(other.get(local.get(crop.id) as string)?.source).toEqual({
      type: 'edit',
      operation: 'crop',
      parentId: local.get(original.id),
      crop: { x: 1, y: 0, width: 3, height: 3 },
      rotate: 90,
      flip: 'horizontal',
    });
    expect(other.getStatistics().bySource).toMatchObject({ upload: 1, edit: 1 });
  });
});

describe('versionsOf', () => {
  it('is empty for an unknown id and stops at a cycle', () => {
    const asset = (id: string, parentId: string, createdAt: number) =>
      ({ id, createdAt, source: { type: 'edit', operation: 'flip', parentId } }) as MediaAsset;
    const assets = new Map([
      ['a', asset('a', 'b', 1)],
      ['b', asset('b', 'a', 2)],
    ]);
    expect(versionsOf(assets, 'zzz')).toEqual({ parent: undefined, children: [], versions: [] });
    const family = versionsOf(assets, 'a');
    expect(family.parent?.id).toBe('b');
    expect(family.children.map((a) => a.id)).toEqual(['b']);
    expect(family.versions.map((a) => a.id)).toEqual(['b']);
  });

  it('passes over a version of the index once, however many assets are looked up in it', () => {
    const asset = (id: string, parentId?: string) =>
      ({
        id,
        createdAt: id.charCodeAt(0),
        source: parentId ? { type: 'edit', operation: 'flip', parentId } : { type: 'upload' },
      }) as MediaAsset;
    let passes = 0;
    class CountingMap extends Map<string, MediaAsset> {
      override values() {
        passes++;
        return super.values();
      }
    }
    const assets = new CountingMap([
      ['a', asset('a')],
      ['b', asset('b', 'a')],
      ['c', asset('c', 'b')],
    ]);
    expect(versionsOf(assets, 'a').children.map((x) => x.id)).toEqual(['b']);
    expect(versionsOf(assets, 'b').children.map((x) => x.id)).toEqual(['c']);
    expect(versionsOf(assets, 'c').versions.map((x) => x.id)).toEqual(['b', 'a']);
    expect(passes).toBe(1);
    // A new version of the index (the store replaces its map on a change) is indexed anew.
    const next = new CountingMap([...assets, ['d', asset('d', 'a')]]);
    expect(versionsOf(next, 'a').children.map((x) => x.id)).toEqual(['d', 'b']);
    expect(passes).toBe(2);
  });
});
