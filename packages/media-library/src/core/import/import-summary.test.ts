import { describe, expect, it } from 'vitest';
import { MediaLibraryError, UnreadableFileError } from '../errors';
import type { ImportItemResult, MediaAsset } from '../types';
import { describeImportOutcome, summarizeImport } from './import-summary';

const asset = (id: string, extra: Partial<MediaAsset> = {}) =>
  ({ id, name: `${id}.png`, ...extra }) as MediaAsset;
const imported = (id: string, extra: Partial<MediaAsset> = {}): ImportItemResult => ({
  status: 'imported',
  asset: asset(id, extra),
});
const duplicate = (id: string): ImportItemResult => ({ status: 'duplicate', asset: asset(id) });
const failed = (name: string, error: Error = new Error('bad')): ImportItemResult => ({
  status: 'failed',
  name,
  error,
});
const canceled = (name: string): ImportItemResult => ({
  status: 'failed',
  name,
  error: new MediaLibraryError('canceled', 'canceled first'),
});
const times = <T>(count: number, make: (index: number) => T) =>
  Array.from({ length: count }, (_, index) => make(index));

describe('describeImportOutcome', () => {
  it('says what a finished batch did, in words', () => {
    const results = [
      ...times(28, (i) => imported(`a${i}`)),
      duplicate('d1'),
      duplicate('d2'),
      failed('broken.png'),
    ];
    expect(describeImportOutcome(results)).toBe('28 added, 2 already in your library, 1 failed');
  });

  it('leaves out parts with nothing in them', () => {
    expect(describeImportOutcome([imported('a'), imported('b')])).toBe('2 added');
    expect(describeImportOutcome([duplicate('a')])).toBe('1 already in your library');
    expect(describeImportOutcome([failed('x'), failed('y')])).toBe('2 failed');
    expect(describeImportOutcome([])).toBe('Nothing to import');
  });

  it('counts assets brought out of the Trash apart from those already in view', () => {
    const restored: ImportItemResult = { status: 'duplicate', asset: asset('t1'), restored: true };
    const results = [imported('a'), restored, { ...restored, asset: asset('t2') }, duplicate('d')];
    expect(describeImportOutcome(results)).toBe(
      '1 added, 2 back from the Trash, 1 already in your library',
    );
    expect(summarizeImport(results)).toMatchObject({ duplicates: 3, restored: 2 });
    expect(describeImportOutcome([restored])).toBe('1 back from the Trash');
  });

  it("names kept files that can't be shown, but not refused ones twice", () => {
    const results = [
      imported('a'),
      imported('b', { unreadable: true }),
      failed('c.png', new UnreadableFileError('c.png', 'image/png')),
    ];
    expect(describeImportOutcome(results)).toBe("2 added, 1 can't be shown, 1 failed");
  });

  it('after a cancel, says how many were kept and how many were not imported', () => {
    const results = [
      ...times(21, (i) => imported(`a${i}`)),
      duplicate('d1'),
      duplicate('d2'),
      failed('broken.png'),
      ...times(76, (i) => canceled(`c${i}.png`)),
    ];
    expect(describeImportOutcome(results)).toBe('Canceled: 23 kept, 77 not imported');
    expect(summarizeImport(results)).toMatchObject({
      imported: 21,
      duplicates: 2,
      failed: 1,
      canceled: 76,
    });
  });
});
