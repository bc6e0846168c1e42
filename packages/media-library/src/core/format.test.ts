import { describe, expect, it } from 'vitest';
import { assetLabel, formatBytes, formatDimensions, formatUsd } from './format';

describe('format', () => {
  it('names an asset by its title, else its file name', () => {
    expect(assetLabel({ title: 'Harbour at dusk', name: 'IMG_1.jpg' })).toBe('Harbour at dusk');
    expect(assetLabel({ title: '   ', name: 'IMG_1.jpg' })).toBe('IMG_1.jpg');
    expect(assetLabel({ name: 'IMG_1.jpg' })).toBe('IMG_1.jpg');
  });

  it('keeps three decimals for small costs so they do not all read $0.00', () => {
    expect(formatUsd(0.003)).toBe('$0.003');
    expect(formatUsd(0.25)).toBe('$0.25');
  });

  it('gives dimensions only when both are known', () => {
    expect(formatDimensions({ width: 1024, height: 768 })).toBe('1024 × 768');
    expect(formatDimensions({ width: 1024 })).toBeUndefined();
  });

  it('gives sizes in units a person reads', () => {
    expect(formatBytes(2 * 1024 * 1024)).toMatch(/^2(\.0)? MB$/);
  });
});
