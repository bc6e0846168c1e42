// The custom preset example promises a whole UI (grid, upload, generate) in fewer than 200
// lines from the package's public hooks: this keeps both promises checked.
import { readFileSync } from 'node:fs';
import { expect, it } from 'vitest';

const source = readFileSync(
  new URL('../examples/custom-preset/custom-media-library.tsx', import.meta.url),
  'utf8',
);

it('stays under 200 lines', () => {
  expect(source.trimEnd().split('\n').length).toBeLessThan(200);
});

it('imports only React and the package root, no preset and no internals', () => {
  const from = [...source.matchAll(/from '([^']+)'/g)].map((match) => match[1]);
  expect(new Set(from)).toEqual(new Set(['@medialoft/media-library', 'react']));
});

it('builds each part from the public hooks', () => {
  for (const hook of ['useAssetGrid', 'useAssetUrl', 'useDropzone', 'useImport', 'useGenerateForm'])
    expect(source).toContain(`${hook}(`);
});
