import { describe, expect, it } from 'vitest';
import { computePeaks } from './audio-waveform';

describe('computePeaks', () => {
  it('takes the loudest absolute sample of each slice, across channels', () => {
    const left = Float32Array.from([0.1, -0.5, 0, 0, 0.2, 0.1, 0, 0]);
    const right = Float32Array.from([0, 0, 0.3, 0, -0.9, 0, 0, 0.05]);
    const peaks = computePeaks([left, right], 4);
    expect(Array.from(peaks).map((p) => Number(p.toFixed(2)))).toEqual([0.5, 0.3, 0.9, 0.05]);
  });

  it('puts a burst at the start into the first columns only', () => {
    const samples = new Float32Array(1000);
    for (let i = 0; i < 250; i++) samples[i] = Math.sin(i / 3);
    const peaks = computePeaks([samples], 8);
    expect(peaks[0]).toBeGreaterThan(0.9);
    expect(peaks[1]).toBeGreaterThan(0.9);
    expect(Array.from(peaks.subarray(2))).toEqual([0, 0, 0, 0, 0, 0]);
  });

  it('clamps clipped samples to 1 and leaves columns without samples at 0', () => {
    expect(Array.from(computePeaks([Float32Array.from([2])], 3))).toEqual([0, 0, 1]);
    expect(Array.from(computePeaks([], 3))).toEqual([0, 0, 0]);
  });
});
