// Finding a stored zip's entries through its central directory: an export's entries come back
// as slices holding exactly their bytes, and every archive this path should not trust (deflated,
// cut short, a local header naming another entry) is left to the stream reader.
import { unzipSync, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { storedEntries } from './stored-entries';
import { crc32, zipBlob } from './zip-writer';

const encoder = new TextEncoder();

function entry(name: string, text: string) {
  const bytes = encoder.encode(text);
  return { name, data: new Blob([bytes]), crc: crc32(bytes) };
}

const archive = zipBlob(
  [
    entry('manifest.json', '{"format":"medialoft-archive"}'),
    entry('assets/aa.png', 'PK\u0003\u0004 bytes that look like a header'),
    entry('assets/bb.bin', 'x'.repeat(5000)),
  ],
  new Date(2026, 0, 2),
);

describe('storedEntries', () => {
  it('returns each entry of a stored zip as a slice holding its bytes', async () => {
    const entries = await storedEntries(archive);
    const expected = unzipSync(new Uint8Array(await archive.arrayBuffer()));
    expect(entries?.map((e) => e.name)).toEqual(Object.keys(expected));
    for (const found of entries ?? []) {
      expect(new Uint8Array(await found.data.arrayBuffer())).toEqual(expected[found.name]);
    }
  });

  it('leaves deflated, cut-short and inconsistent archives to the stream reader', async () => {
    const deflated = zipSync({ 'manifest.json': encoder.encode('{}'.repeat(500)) }, { level: 6 });
    expect(await storedEntries(new Blob([deflated as Uint8Array<ArrayBuffer>]))).toBeUndefined();
    expect(await storedEntries(archive.slice(0, archive.size - 10))).toBeUndefined();
    expect(await storedEntries(new Blob(['not a zip at all, just some text']))).toBeUndefined();

    // The second entry's local header renamed: its bytes are not the ones the directory names.
    const bytes = new Uint8Array(await archive.arrayBuffer());
    const at = bytes.findIndex(
      (_, i) => bytes[i] === 0x61 && bytes[i + 1] === 0x61 && bytes[i + 2] === 0x2e, // "aa."
    );
    bytes[at] = 0x63;
    expect(await storedEntries(new Blob([bytes]))).toBeUndefined();
  });
});
