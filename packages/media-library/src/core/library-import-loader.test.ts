// The import pipeline loads on the first import: the inputs are read at the call, and a load
// that fails is a typed error that the next import tries again.
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { MediaLibraryInstance } from './library';
import { createHarness, pngFile } from './testing/library-harness';

const opened: MediaLibraryInstance[] = [];
afterEach(() => {
  vi.doUnmock('./library-import');
  vi.resetModules();
  for (const library of opened.splice(0)) library.close();
});

describe('the import pipeline, loaded on first use', () => {
  it('reads the inputs at the call, before the pipeline has loaded', async () => {
    const library = createHarness().open();
    opened.push(library);
    const inputs = [pngFile(1), pngFile(2)];
    const imported = library.importFiles(inputs);
    // As an <input>'s FileList empties when the input is reset right after the call.
    inputs.length = 0;
    const results = await imported;
    expect(results.map((result) => result.status)).toEqual(['imported', 'imported']);
    expect(library.query().total).toBe(2);
  });

  it('rejects with import_failed when the pipeline cannot load, and loads it next time', async () => {
    vi.resetModules();
    vi.doMock('./library-import', () => {
      throw new Error('Failed to fetch dynamically imported module');
    });
    const { loadImportPipeline } = await import('./library-import-loader');
    await expect(loadImportPipeline()).rejects.toMatchObject({
      name: 'ImportFailedError',
      code: 'import_failed',
    });
    vi.doUnmock('./library-import');
    await expect(loadImportPipeline()).resolves.toHaveProperty('importBatch');
  });
});
