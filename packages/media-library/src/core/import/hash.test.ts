import { describe, expect, it } from 'vitest';
import { sha256Hex } from './hash';

// FIPS 180-2 test vectors.
const ABC = 'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad';
const EMPTY = 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855';
const TWO_BLOCKS = '248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1';

describe('sha256Hex', () => {
  it('matches the standard vectors for every input form', async () => {
    const abc = new TextEncoder().encode('abc');
    expect(await sha256Hex(abc)).toBe(ABC);
    expect(await sha256Hex(abc.buffer)).toBe(ABC);
    expect(await sha256Hex(new Blob(['abc']))).toBe(ABC);
    expect(await sha256Hex(new Uint8Array(0))).toBe(EMPTY);
    expect(await sha256Hex(new Blob([]))).toBe(EMPTY);
    expect(
      await sha256Hex(
        new TextEncoder().encode('abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq'),
      ),
    ).toBe(TWO_BLOCKS);
  });

  it('hashes only the viewed bytes of a typed array', async () => {
    const padded = new TextEncoder().encode('xxabcxx');
    expect(await sha256Hex(padded.subarray(2, 5))).toBe(ABC);
  });
});
