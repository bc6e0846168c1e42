// @vitest-environment happy-dom
// useImportOutcome and describeImportProgress: a batch's end and a running batch in words,
// without a library (the results are what useImport hands over).
import { renderHook } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { MediaLibraryError } from '../core/errors';
import type { ImportItemResult, MediaAsset } from '../core/types';
import { describeImportProgress } from './describe-import-progress';
import { useImportOutcome } from './use-import-outcome';

const asset = (id: string, name: string) => ({ id, name }) as MediaAsset;
const imported = (name: string): ImportItemResult => ({
  status: 'imported',
  asset: asset(`id-${name}`, name),
  name,
});
const failed = (name: string, message = 'This file is empty.'): ImportItemResult => ({
  status: 'failed',
  name,
  error: new Error(message),
});
const canceled = (name: string): ImportItemResult => ({
  status: 'failed',
  name,
  error: new MediaLibraryError('canceled', `${name} was not imported`),
});

describe('useImportOutcome', () => {
  it('says what the batch did and lists each file not added with its reason, in batch order', () => {
    const results: ImportItemResult[] = [
      imported('new.png'),
      { status: 'duplicate', asset: asset('old-7', 'fox.png'), name: 'fox copy.png' },
      failed('empty.png'),
      { status: 'duplicate', asset: asset('old-8', 'owl.png') },
    ];
    const { result } = renderHook(() => useImportOutcome(results));
    expect(result.current.summary).toBe('1 added, 2 already in your library, 1 failed');
    expect(result.current.counts).toMatchObject({ imported: 1, duplicates: 2, failed: 1 });
    expect(result.current.notAdded).toEqual([
      {
        position: 1,
        status: 'duplicate',
        name: 'fox copy.png',
        text: 'fox copy.png: already in your library as fox.png',
        existing: { id: 'old-7', name: 'fox.png', showLabel: 'Show fox.png' },
      },
      {
        position: 2,
        status: 'failed',
        name: 'empty.png',
        text: 'empty.png: This file is empty.',
      },
      {
        position: 3,
        status: 'duplicate',
        name: 'owl.png',
        text: 'owl.png: already in your library',
        existing: { id: 'old-8', name: 'owl.png', showLabel: 'Show owl.png' },
      },
    ]);
    expect(result.current.moreLabel).toBeUndefined();
  });

  it('says a file whose asset was in the Trash brought it back', () => {
    const results: ImportItemResult[] = [
      { status: 'duplicate', asset: asset('old-9', 'owl.png'), name: 'owl 2.png', restored: true },
    ];
    const { result } = renderHook(() => useImportOutcome(results));
    expect(result.current.summary).toBe('1 back from the Trash');
    expect(result.current.notAdded[0]).toMatchObject({
      text: 'owl 2.png: brought back from the Trash as owl.png',
      existing: { id: 'old-9', showLabel: 'Show owl.png' },
    });
  });

  it('lists up to `listed` and says how many more; canceled files are counted, not listed', () => {
    const results = [
      imported('a.png'),
      ...Array.from({ length: 5 }, (_, i) => failed(`bad-${i}.png`)),
      canceled('c1.png'),
      canceled('c2.png'),
    ];
    const { result, rerender } = renderHook(({ listed }) => useImportOutcome(results, { listed }), {
      initialProps: { listed: 2 },
    });
    expect(result.current.summary).toBe('Canceled: 1 kept, 7 not imported');
    expect(result.current.notAdded.map((f) => f.name)).toEqual(['bad-0.png', 'bad-1.png']);
    expect(result.current.more).toBe(3);
    expect(result.current.moreLabel).toBe('and 3 more');
    rerender({ listed: 12 });
    expect(result.current.notAdded).toHaveLength(5);
    expect(result.current.more).toBe(0);
  });

  it('has nothing to say before a batch ended', () => {
    const { result } = renderHook(() => useImportOutcome(undefined));
    expect(result.current.summary).toBe('Nothing to import');
    expect(result.current.notAdded).toEqual([]);
  });
});

describe('describeImportProgress', () => {
  it('counts files in the label, bytes in the percent, and names the current file', () => {
    expect(
      describeImportProgress({
        filesDone: 3,
        filesTotal: 8,
        bytesDone: 2048,
        bytesTotal: 8192,
        current: 'beach.jpg',
        unreadable: 1,
      }),
    ).toEqual({
      percent: 25,
      label: "Importing 3 of 8 files · 1 can't be shown",
      detail: '2.0 KB / 8.0 KB · beach.jpg',
    });
    expect(describeImportProgress(undefined)).toEqual({
      percent: 0,
      label: 'Importing Preparing',
      detail: '0 B / 0 B',
    });
  });
});
