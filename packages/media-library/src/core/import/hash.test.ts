import { describe, expect, it } from 'vitest';
import { sha256Hex } from './hash';
import { Sha256 } from './sha256-stream';

// FIPS 180-2 test vectors.
const ABC = 'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad';
const EMPTY = 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855';
const MILLION_A = 'cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0';
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

  it('streams big blobs through the incremental hash with the same result', async () => {
    const stream = { streamAboveBytes: 0 };
    expect(await sha256Hex(new Blob(['abc']), stream)).toBe(ABC);
    expect(await sha256Hex(new Blob(['a'.repeat(1_000_000)]), stream)).toBe(MILLION_A);
    // Random bytes in uneven parts, so chunk edges fall mid-block; compared with crypto.subtle.
    const random = new Uint8Array(3 * 1024 * 1024 + 61);
    for (let offset = 0; offset < random.length; offset += 65_536) {
      crypto.getRandomValues(random.subarray(offset, offset + 65_536));
    }
    const parts = [random.subarray(0, 7), random.subarray(7, 200_003), random.subarray(200_003)];
    expect(await sha256Hex(new Blob(parts), stream)).toBe(await sha256Hex(random));
  });

  it('hashes any split of the input alike, padding at every length near a block edge', () => {
    const hex = (bytes: Uint8Array) => Buffer.from(bytes).toString('hex');
    const whole = new TextEncoder().encode(
      'abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq',
    );
    for (let split = 0; split <= whole.length; split++) {
      const hash = new Sha256().update(whole.subarray(0, split)).update(whole.subarray(split));
      expect(hex(hash.digest())).toBe(TWO_BLOCKS);
    }
  });
});
