// The library's clock: stamps never repeat within an instance, so later sorts later.
import { describe, expect, it } from 'vitest';
import { monotonic } from './library-context';

describe('monotonic', () => {
  it('moves a repeated or earlier time 1 ms past the last stamp, and rejoins the clock', () => {
    const times = [100, 100, 100, 99, 105, 105, 200];
    const clock = monotonic(() => times.shift() ?? 0);
    expect(Array.from({ length: 7 }, clock)).toEqual([100, 101, 102, 103, 105, 106, 200]);
  });
});
