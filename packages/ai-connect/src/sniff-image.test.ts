import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { sniffImageType } from './sniff-image';

const pixel = () => sharp({ create: { width: 2, height: 2, channels: 4, background: '#f00' } });

describe('sniffImageType', () => {
  it.each([
    ['image/png', () => pixel().png().toBuffer()],
    ['image/jpeg', () => pixel().jpeg().toBuffer()],
    ['image/webp', () => pixel().webp().toBuffer()],
    ['image/gif', () => pixel().gif().toBuffer()],
    ['image/avif', () => pixel().avif().toBuffer()],
  ])('recognises %s from real encoded bytes', async (type, encode) => {
    expect(sniffImageType(new Uint8Array(await encode()))).toBe(type);
  });

  it('rejects what is not an image', () => {
    const encoder = new TextEncoder();
    expect(sniffImageType(encoder.encode('<html><body>expired</body></html>'))).toBeUndefined();
    expect(sniffImageType(encoder.encode('{"error":"not found"}'))).toBeUndefined();
    expect(sniffImageType(new Uint8Array())).toBeUndefined();
  });
});
