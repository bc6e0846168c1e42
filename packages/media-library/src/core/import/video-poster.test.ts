import { describe, expect, it } from 'vitest';
import { laterPosterTime, meanLuminance, posterTime } from './video-poster';

describe('posterTime', () => {
  it('is 10 % in, at most 5 s, and 0 when the duration is unknown', () => {
    expect(posterTime(2)).toBeCloseTo(0.2);
    expect(posterTime(30)).toBeCloseTo(3);
    expect(posterTime(3600)).toBe(5);
    expect(posterTime(Number.NaN)).toBe(0);
    expect(posterTime(Number.POSITIVE_INFINITY)).toBe(0);
  });

  it('tries half-way, at most 30 s in, after a black frame', () => {
    expect(laterPosterTime(2)).toBeCloseTo(1);
    expect(laterPosterTime(600)).toBe(30);
    expect(laterPosterTime(0)).toBe(0);
  });
});

describe('meanLuminance', () => {
  it('is 0 for black, 255 for white, and weighs green over blue', () => {
    expect(meanLuminance(Uint8ClampedArray.from([0, 0, 0, 255, 0, 0, 0, 255]))).toBe(0);
    expect(meanLuminance(Uint8ClampedArray.from([255, 255, 255, 255]))).toBeCloseTo(255);
    const green = meanLuminance(Uint8ClampedArray.from([0, 255, 0, 255]));
    const blue = meanLuminance(Uint8ClampedArray.from([0, 0, 255, 255]));
    expect(green).toBeGreaterThan(blue);
    expect(meanLuminance(new Uint8ClampedArray())).toBe(0);
  });
});
