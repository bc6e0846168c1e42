// Library archives in Node: export then import into a fresh library restores every field and
// byte; a second import adds nothing; damaged, truncated and hostile archives restore what is
// intact and refuse the rest with typed errors; an abort keeps nothing.
import { strToU8, unzipSync, zipSync } from 'fflate';
import { afterEach, describe, expect, it } from 'vitest';
import { MediaLibraryError } from '../errors';
import { sha256Hex } from '../import/hash';
import type { MediaLibraryInstance } from '../library';
import { bytesOf, createHarness, pngBytes, pngFile } from '../testing/library-harness';
import type { MediaAsset } from '../types';
import { ArchiveError } from './archive-errors';
import type { ArchiveManifest, ArchiveProgress } from './archive-types';

const opened: MediaLibraryInstance[] = [];
function open(harness = createHarness()): MediaLibraryInstance {
  const library = harness.open();
  opened.push(library);
  return library;
}
afterEach(() => {
  for (const library of opened.splice(0)) library.close();
});

/** A library with three images: tags, texts, a favorite, an AI source, two collections. */
async function sampleLibrary(): Promise<MediaLibraryInstance> {
  const library = open();
  await library.ready;
  const trips = await library.createCollection('Trips');
  const cats = await library.createCollection('Cats');
  await library.createCollection('Empty');
  const results = await library.importFiles([
    {
      blob: pngFile(1, 'fox.png'),
      tags: ['fox', 'red'],
      title: 'Fox',
      alt: 'A red fox',
      sourceModule: 'story-writer',
      meta: { storyId: 'abc', scene: 3 },
    },
    {
      blob: pngFile(2, 'cat.png'),
      description: 'Sleeping',
      source: { type: 'ai', provider: 'local', model: 'm1', prompt: 'a cat', seed: 7 },
    },
    { blob: pngFile(3, 'sea.png'), source: { type: 'url', url: 'https://example.com/sea.png' } },
  ]);
  const [fox, cat, sea] = results.map((r) => (r.status === 'imported' ? r.asset.id : ''));
  await library.update(fox as string, { favorite: true });
  await library.addToCollection(trips.id, [fox as string, sea as string]);
  await library.addToCollection(cats.id, cat as string);
  return library;
}

/** What must survive a round trip: every field but the library's own ids and keys. */
function portable(library: MediaLibraryInstance) {
  const names = new Map([...library.getState().collections.values()].map((c) => [c.id, c.name]));
  return [...library.getState().assets.values()]
    .map((asset: MediaAsset) => ({
      name: asset.name,
      sha256: asset.sha256,
      kind: asset.kind,
      mimeType: asset.mimeType,
      size: asset.size,
      title: asset.title,
      description: asset.description,
      alt: asset.alt,
      tags: asset.tags,
      favorite: asset.favorite,
      collections: asset.collectionIds.map((id) => names.get(id)).sort(),
      source: asset.source,
      sourceModule: asset.sourceModule,
      meta: asset.meta,
      createdAt: asset.createdAt,
      updatedAt: asset.updatedAt,
      width: asset.width,
      height: asset.height,
    }))
    .sort((a, b) => a.name.localeCompare(b.name));
}

async function zipEntries(blob: Blob): Promise<Record<string, Uint8Array>> {
  return unzipSync(new Uint8Array(await blob.arrayBuffer()));
}

async function expectArchiveError(promise: Promise<unknown>, code: string): Promise<void> {
  const error = await promise.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(ArchiveError);
  // One `instanceof MediaLibraryError` catches every failure of the library, archives too.
  expect(error).toBeInstanceOf(MediaLibraryError);
  expect((error as ArchiveError).code).toBe(code);
  expect((error as ArchiveError).name).toBe('ArchiveError');
}

/** An archive made by hand: a manifest (object or raw text) and entries. */
function handMade(manifest: object | string, entries: Record<string, Uint8Array> = {}): Blob {
  const text = typeof manifest === 'string' ? manifest : JSON.stringify(manifest);
  const bytes = zipSync({ 'manifest.json': strToU8(text), ...entries }, { level: 6 });
  return new Blob([bytes as Uint8Array<ArrayBuffer>], { type: 'application/zip' });
}

async function manifestEntry(seed: number, overrides: Record<string, unknown> = {}) {
  const bytes = pngBytes(seed);
  const sha256 = await sha256Hex(bytes);
  return {
    bytes,
    entry: {
      id: `asset-${seed}`,
      name: `image-${seed}.png`,
      sha256,
      kind: 'image',
      mimeType: 'image/png',
      size: bytes.length,
      tags: [],
      favorite: false,
      collections: [],
      source: { type: 'upload' },
      createdAt: 1_600_000_000_000 + seed,
      updatedAt: 1_600_000_000_000 + seed,
      file: `assets/${sha256}.png`,
      ...overrides,
    },
  };
}

function manifestOf(assets: unknown[], collections: unknown[] = []): object {
  return {
    format: 'medialoft-archive',
    version: 1,
    exportedAt: new Date(0).toISOString(),
    library: 'hand',
    assets,
    collections,
  };
}

describe('exportArchive', () => {
  it('writes manifest.json first and each original once under assets/<sha256>.<ext>', async () => {
    const library = await sampleLibrary();
    // The same bytes kept twice share one entry.
    await library.importFiles([pngFile(1, 'fox-again.png')], { keepDuplicates: true });
    const progress: ArchiveProgress[] = [];

    const archive = await library.exportArchive({ onProgress: (p) => progress.push(p) });

    expect(archive.type).toBe('application/zip');
    const head = new TextDecoder().decode(
      new Uint8Array(await archive.slice(30, 43).arrayBuffer()),
    );
    expect(head).toBe('manifest.json');
    const entries = await zipEntries(archive);
    const manifest = JSON.parse(
      new TextDecoder().decode(entries['manifest.json']),
    ) as ArchiveManifest;
    expect(manifest).toMatchObject({ format: 'medialoft-archive', version: 1, library: 'test' });
    expect(manifest.assets).toHaveLength(4);
    expect(manifest.collections.map((c) => c.name).sort()).toEqual(['Cats', 'Empty', 'Trips']);
    const files = Object.keys(entries).filter((name) => name !== 'manifest.json');
    expect(files).toHaveLength(3);
    for (const asset of manifest.assets) {
      expect(asset.file).toBe(`assets/${asset.sha256}.png`);
      const bytes = entries[asset.file] as Uint8Array;
      expect(await sha256Hex(bytes)).toBe(asset.sha256);
      expect(bytes.length).toBe(asset.size);
    }
    const fox = manifest.assets.find((asset) => asset.name === 'fox.png');
    expect(fox).toMatchObject({
      favorite: true,
      title: 'Fox',
      alt: 'A red fox',
      tags: ['fox', 'red'],
      sourceModule: 'story-writer',
      meta: { storyId: 'abc', scene: 3 },
    });
    expect(progress.at(-1)).toMatchObject({ assetsDone: 4, assetsTotal: 4 });
    expect(progress.at(-1)?.bytesDone).toBe(3 * pngBytes(1).length);
  });

  it('exports only the chosen ids, or one collection with just the collections it uses', async () => {
    const library = await sampleLibrary();
    const cats = [...library.getState().collections.values()].find((c) => c.name === 'Cats');
    const byCollection = await library.exportArchive({ collectionId: cats?.id as string });
    const manifest = JSON.parse(
      new TextDecoder().decode((await zipEntries(byCollection))['manifest.json']),
    ) as ArchiveManifest;
    expect(manifest.assets.map((asset) => asset.name)).toEqual(['cat.png']);
    expect(manifest.collections.map((c) => c.name)).toEqual(['Cats']);

    const fox = library.query({ text: 'fox' }).items[0] as MediaAsset;
    const byIds = await zipEntries(await library.exportArchive({ ids: [fox.id] }));
    expect(Object.keys(byIds).sort()).toEqual([`assets/${fox.sha256}.png`, 'manifest.json']);
    await expect(library.exportArchive({ ids: ['nope'] })).rejects.toMatchObject({
      code: 'not_found',
    });
  });

  it('stops with code canceled when its signal aborts', async () => {
    const library = await sampleLibrary();
    const controller = new AbortController();
    const exported = library.exportArchive({
      signal: controller.signal,
      onProgress: (p) => {
        if (p.assetsDone === 1) controller.abort();
      },
    });
    await expectArchiveError(exported, 'canceled');
  });
});

describe('importArchive', () => {
  it('restores every field, collection and byte into a new library', async () => {
    const source = await sampleLibrary();
    const archive = await source.exportArchive();
    const target = open();
    await target.ready;

    const report = await target.importArchive(archive);

    expect(report.assets.map((r) => r.status)).toEqual(['imported', 'imported', 'imported']);
    expect(report.collections).toEqual({ created: 3, reused: 0 });
    expect(report.truncated).toBe(false);
    expect(portable(target)).toEqual(portable(source));
    expect([...target.getState().collections.values()].map((c) => c.name).sort()).toEqual([
      'Cats',
      'Empty',
      'Trips',
    ]);
    for (const asset of source.getState().assets.values()) {
      const copy = target.query({}).items.find((other) => other.sha256 === asset.sha256);
      expect(await bytesOf(await target.getBlob(copy?.id as string))).toEqual(
        await bytesOf(await source.getBlob(asset.id)),
      );
    }
  });

  it('adds nothing when the same archive is imported twice', async () => {
    const archive = await (await sampleLibrary()).exportArchive();
    const target = open();
    await target.ready;
    await target.importArchive(archive);
    const before = target.getState();

    const again = await target.importArchive(archive);

    expect(again.assets.map((r) => r.status)).toEqual(['duplicate', 'duplicate', 'duplicate']);
    expect(again.collections).toEqual({ created: 0, reused: 3 });
    expect([...target.getState().assets.values()]).toEqual([...before.assets.values()]);
    expect(target.getState().collections.size).toBe(3);
  });

  it('merges tags, collections and favorite into assets already here, matching collections by name', async () => {
    const archive = await (await sampleLibrary()).exportArchive();
    const target = open();
    await target.ready;
    const trips = await target.createCollection('Trips');
    const [existing] = await target.importFiles([
      { blob: pngFile(1, 'my-fox.png'), tags: ['mine'], title: 'My fox' },
    ]);
    const id = existing?.status === 'imported' ? existing.asset.id : '';

    const report = await target.importArchive(archive);

    expect(report.assets.find((r) => r.name === 'fox.png')?.status).toBe('duplicate');
    const fox = target.get(id) as MediaAsset;
    expect(fox.tags.sort()).toEqual(['fox', 'mine', 'red']);
    expect(fox.title).toBe('My fox');
    expect(fox.alt).toBe('A red fox');
    expect(fox.favorite).toBe(true);
    expect(fox.collectionIds).toEqual([trips.id]);
    const names = [...target.getState().collections.values()].map((c) => c.name).sort();
    expect(names).toEqual(['Cats', 'Empty', 'Trips']);
    expect(report.collections).toEqual({ created: 2, reused: 1 });
    expect(target.getState().assets.size).toBe(3);
  });

  it('brings an asset in the Trash back out, merging the archive into it as into a live one', async () => {
    const archive = await (await sampleLibrary()).exportArchive();
    const target = open();
    await target.ready;
    const trips = await target.createCollection('Trips');
    const [mine] = await target.importFiles([
      { blob: pngFile(1, 'my-fox.png'), tags: ['mine'], title: 'My fox' },
      { blob: pngFile(9, 'other.png') },
    ]);
    const id = mine?.status === 'imported' ? mine.asset.id : '';
    const other = target.query({ text: 'other' }).items[0]?.id as string;
    await target.delete([id, other]);

    const report = await target.importArchive(archive);

    const result = report.assets.find((r) => r.name === 'fox.png');
    expect(result).toMatchObject({ status: 'duplicate', restored: true, asset: { id } });
    expect(result?.status === 'duplicate' && result.asset.trashedAt).toBeUndefined();
    // Out of the Trash and in the library's views, with the archive's fields merged in.
    expect(target.getState().trash.has(id)).toBe(false);
    const fox = target.get(id) as MediaAsset;
    expect(fox.trashedAt).toBeUndefined();
    expect(fox.tags.sort()).toEqual(['fox', 'mine', 'red']);
    expect(fox.title).toBe('My fox');
    expect(fox.alt).toBe('A red fox');
    expect(fox.favorite).toBe(true);
    expect(fox.collectionIds).toEqual([trips.id]);
    expect(target.query({ collectionId: trips.id }).items.map((a) => a.id)).toContain(id);
    // What the archive does not hold stays in the Trash; the others came in new.
    expect([...target.getState().trash.keys()]).toEqual([other]);
    expect(report.assets.filter((r) => r.status === 'imported')).toHaveLength(2);
    expect(report.assets.some((r) => r.status === 'imported' && 'restored' in r)).toBe(false);

    // Imported again, the asset is simply already there.
    const again = await target.importArchive(archive);
    const second = again.assets.find((r) => r.name === 'fox.png');
    expect(second).toMatchObject({ status: 'duplicate', asset: { id } });
    expect(second && 'restored' in second).toBe(false);
  });

  it('restores what precedes the cut of a truncated archive and reports the rest', async () => {
    const source = await sampleLibrary();
    const archive = await source.exportArchive();
    const entries = await zipEntries(archive);
    const manifest = JSON.parse(
      new TextDecoder().decode(entries['manifest.json']),
    ) as ArchiveManifest;
    // Cut halfway through the last asset's bytes.
    const bytes = new Uint8Array(await archive.arrayBuffer());
    const last = manifest.assets.at(-1) as ArchiveManifest['assets'][number];
    const at = indexOf(bytes, entries[last.file] as Uint8Array);
    const truncated = new Blob([bytes.slice(0, at + 20)]);
    const target = open();
    await target.ready;

    const report = await target.importArchive(truncated);

    expect(report.truncated).toBe(true);
    expect(report.assets.map((r) => r.status)).toEqual(['imported', 'imported', 'failed']);
    const failed = report.assets[2];
    expect(failed?.status === 'failed' && (failed.error as ArchiveError).code).toBe(
      'archive_entry_missing',
    );
    expect(target.getState().assets.size).toBe(2);
  });

  it('refuses an asset whose bytes were altered (SHA-256 mismatch) and keeps the others', async () => {
    const archive = await (await sampleLibrary()).exportArchive();
    const entries = await zipEntries(archive);
    const manifest = JSON.parse(
      new TextDecoder().decode(entries['manifest.json']),
    ) as ArchiveManifest;
    const cat = manifest.assets.find((asset) => asset.name === 'cat.png');
    const bytes = new Uint8Array(await archive.arrayBuffer());
    const at = indexOf(bytes, entries[cat?.file as string] as Uint8Array);
    bytes[at + 50] = ((bytes[at + 50] as number) + 1) % 256;
    const target = open();
    await target.ready;

    const report = await target.importArchive(new Blob([bytes]));

    const result = report.assets.find((r) => r.name === 'cat.png');
    expect(result?.status).toBe('failed');
    expect(result?.status === 'failed' && (result.error as ArchiveError).code).toBe(
      'archive_sha_mismatch',
    );
    expect(result?.status === 'failed' && result.error).toBeInstanceOf(MediaLibraryError);
    expect(report.assets.filter((r) => r.status === 'imported')).toHaveLength(2);
    expect(target.query({ text: 'cat' }).total).toBe(0);
  });

  it('refuses path traversal, malformed entries and absurd sizes, one asset at a time', async () => {
    const good = await manifestEntry(1, { name: '../../evil.png', collections: ['c1'] });
    const traversal = await manifestEntry(2, { file: '../x' });
    const absurd = await manifestEntry(3, { size: 1e20 });
    const badHash = await manifestEntry(4, { sha256: 'not-a-hash' });
    const liar = await manifestEntry(5);
    const badModule = await manifestEntry(6, { sourceModule: '../not a module!' });
    const archive = handMade(
      manifestOf(
        [good.entry, traversal.entry, absurd.entry, badHash.entry, liar.entry, 42, badModule.entry],
        [{ id: 'c1', name: 'Hand' }, { id: 'c1', name: 'Again' }, { name: 'no id' }],
      ),
      {
        [good.entry.file]: good.bytes,
        '../x': traversal.bytes,
        '/etc/passwd': strToU8('root'),
        [absurd.entry.file]: absurd.bytes,
        // Bytes of another image under the liar's name.
        [liar.entry.file]: pngBytes(99),
        [badModule.entry.file]: badModule.bytes,
      },
    );
    const target = open();
    await target.ready;

    const report = await target.importArchive(archive);

    const codes = report.assets.map((r) =>
      r.status === 'failed' ? (r.error as ArchiveError).code : r.status,
    );
    expect(codes).toEqual([
      'imported',
      'archive_entry_invalid',
      'archive_entry_invalid',
      'archive_entry_invalid',
      'archive_sha_mismatch',
      'archive_entry_invalid',
      'invalid_input',
    ]);
    expect(report.ignoredEntries.sort()).toEqual(['../x', '/etc/passwd']);
    const [asset] = target.query({}).items;
    expect(asset?.name).toBe('evil.png');
    expect([...target.getState().collections.values()].map((c) => c.name)).toEqual(['Hand']);
    expect(asset?.collectionIds).toEqual(['c1']);
  });

  it('rejects with archive_invalid what is not an archive, and archive_too_large for absurd counts', async () => {
    const target = open();
    await target.ready;
    await expectArchiveError(target.importArchive(new Blob(['just text'])), 'archive_invalid');
    await expectArchiveError(target.importArchive(new Blob([])), 'archive_invalid');
    await expectArchiveError(target.importArchive(handMade('{not json')), 'archive_invalid');
    await expectArchiveError(
      target.importArchive(handMade({ format: 'other' })),
      'archive_invalid',
    );
    await expectArchiveError(
      target.importArchive(handMade({ ...manifestOf([]), version: 2 })),
      'archive_invalid',
    );
    const noManifest = zipSync({ 'assets/x.png': pngBytes(1) });
    await expectArchiveError(
      target.importArchive(new Blob([noManifest as Uint8Array<ArrayBuffer>])),
      'archive_invalid',
    );
    const many = manifestOf(Array.from({ length: 200_001 }, () => 0));
    await expectArchiveError(target.importArchive(handMade(many)), 'archive_too_large');
    expect(target.getState().assets.size).toBe(0);
    expect(target.getState().collections.size).toBe(0);
  });

  it('stops unpacking an entry past the size the manifest declares (a deflate bomb)', async () => {
    const small = await manifestEntry(7);
    const bomb = new Uint8Array(8 * 1024 * 1024);
    const archive = handMade(manifestOf([small.entry]), { [small.entry.file]: bomb });
    expect(archive.size).toBeLessThan(64 * 1024);
    const target = open();
    await target.ready;

    const report = await target.importArchive(archive);

    const [result] = report.assets;
    expect(result?.status === 'failed' && (result.error as ArchiveError).code).toBe(
      'archive_too_large',
    );
    expect(target.getState().assets.size).toBe(0);
  });

  it('reads archives whose entries are deflated (zipped again by another tool)', async () => {
    const entries = await zipEntries(await (await sampleLibrary()).exportArchive());
    const rezipped = zipSync(entries, { level: 9 });
    const target = open();
    await target.ready;

    const report = await target.importArchive(new Blob([rezipped as Uint8Array<ArrayBuffer>]));

    expect(report.assets.map((r) => r.status)).toEqual(['imported', 'imported', 'imported']);
  });

  it('keeps nothing, neither assets, bytes nor collections, when aborted', async () => {
    const archive = await (await sampleLibrary()).exportArchive();
    const harness = createHarness();
    const target = open(harness);
    await target.ready;
    const controller = new AbortController();

    const imported = target.importArchive(archive, {
      signal: controller.signal,
      onProgress: (p) => {
        if (p.phase === 'importing' && p.assetsDone === 2) controller.abort();
      },
    });

    await expectArchiveError(imported, 'canceled');
    expect(target.getState().assets.size).toBe(0);
    expect(target.getState().collections.size).toBe(0);
    expect(await harness.blobStore.keys()).toEqual([]);
    // And the archive imports in full afterwards.
    const report = await target.importArchive(archive);
    expect(report.assets.filter((r) => r.status === 'imported')).toHaveLength(3);
  });
});

function indexOf(haystack: Uint8Array, needle: Uint8Array): number {
  outer: for (let i = 0; i <= haystack.length - needle.length; i++) {
    for (let j = 0; j < needle.length; j++) if (haystack[i + j] !== needle[j]) continue outer;
    return i;
  }
  throw new Error('needle not found');
}
