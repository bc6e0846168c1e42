import { describe, expect, it } from 'vitest';
import { StorageFullError } from '../errors';
import { availableBytes, isQuotaExceeded, toStorageFullError } from './quota';

describe('isQuotaExceeded', () => {
  it('recognises the browsers’ quota errors and nothing else', () => {
    expect(isQuotaExceeded(new DOMException('full', 'QuotaExceededError'))).toBe(true);
    expect(isQuotaExceeded({ name: 'NS_ERROR_DOM_QUOTA_REACHED' })).toBe(true);
    expect(isQuotaExceeded(new StorageFullError(1, 0))).toBe(true);
    expect(isQuotaExceeded(new DOMException('gone', 'NotFoundError'))).toBe(false);
    expect(isQuotaExceeded(new Error('QuotaExceededError'))).toBe(false);
    expect(isQuotaExceeded(undefined)).toBe(false);
  });
});

describe('toStorageFullError', () => {
  it('keeps the cause and reports what the estimate says is left', async () => {
    const cause = new DOMException('full', 'QuotaExceededError');
    const error = await toStorageFullError(cause, 5000, async () => ({
      quota: 10_000,
      usage: 9000,
    }));
    expect(error).toBeInstanceOf(StorageFullError);
    expect(error).toMatchObject({ code: 'storage_full', neededBytes: 5000, availableBytes: 1000 });
    expect(error.cause).toBe(cause);
    expect(error.message).toMatch(/4\.9 KB.*1000 B/);
  });

  it('leaves available unknown when there is no estimate, and passes typed errors through', async () => {
    const failing = async () => {
      throw new Error('no estimate');
    };
    expect((await toStorageFullError(new Error('x'), 1, failing)).availableBytes).toBeUndefined();
    expect(await availableBytes(async () => ({}))).toBeUndefined();
    const typed = new StorageFullError(1, 2);
    expect(await toStorageFullError(typed, 99)).toBe(typed);
  });
});
