import { describe, expect, it } from 'vitest';
import { previewLines } from './text-preview';

describe('previewLines', () => {
  it('splits every kind of line end and keeps at most maxLines', () => {
    expect(previewLines('a\r\nb\rc\nd\ne', 3, 10)).toEqual(['a', 'b', 'c']);
  });

  it('cuts long lines by character, not by UTF-16 unit', () => {
    expect(previewLines('😀😀😀😀', 1, 3)).toEqual(['😀😀😀']);
    expect(previewLines('abcdefgh', 1, 5)).toEqual(['abcde']);
  });

  it('drops a BOM, a character cut in half by the read window, and control characters', () => {
    expect(previewLines('\uFEFFname,size\u0007\nx,1\uFFFD', 5, 40)).toEqual(['name,size', 'x,1']);
  });

  it('turns tabs into two spaces and drops trailing blank lines', () => {
    expect(previewLines('{\n\t"a": 1\n}\n\n\n', 10, 40)).toEqual(['{', '  "a": 1', '}']);
  });

  it('gives nothing for blank text', () => {
    expect(previewLines('\n  \n\t\n', 10, 40)).toEqual([]);
  });
});
