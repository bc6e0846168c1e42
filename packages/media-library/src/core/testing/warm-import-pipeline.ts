// Unit-test setup: the import pipeline loads on a library's first import, through import().
// Compiling it here, before a media-library test file runs, keeps that one-off cost out of
// the tests' own waits, as when the core imported it statically. The registry is reset after,
// so a file's vi.mock of a pipeline module still applies when its tests load the pipeline.
import { expect, vi } from 'vitest';

if (expect.getState().testPath?.includes('/packages/media-library/')) {
  await import('../library-import');
  vi.resetModules();
}
