// The server's transform presets and the media library's platform formats are two lists of the
// same formats (neither package may import the other at run time): same names, same sizes.
import { describe, expect, it } from 'vitest';
import { platformFormats } from '../../media-library/src/core/edit/platform-formats';
import { PLATFORM_FORMATS as serverFormats } from './protocol';

describe('platform formats', () => {
  it('are the same names and sizes on the server and in the media library', () => {
    const library = Object.fromEntries(
      platformFormats().map((f) => [f.name, { width: f.width, height: f.height }]),
    );
    expect(library).toEqual(serverFormats);
  });
});
