// The README code check on made-up READMEs: the blocks it finds, and that a wrong example
// fails the check with the README's own line number while a right one passes.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
// @ts-expect-error: a plain ESM script without type declarations
import { extractBlocks, withDeclarations } from './check-readme-code.mjs';

const script = fileURLToPath(new URL('./check-readme-code.mjs', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'readme-check-test-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const fence = '```';
const readme = (name: string, text: string) => {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
};

describe('extractBlocks', () => {
  it('takes ts, tsx and typescript blocks with the line their code starts on, and no others', () => {
    const text = [
      '# Title', // 1
      `${fence}sh`, // 2
      'npm install x', // 3
      fence, // 4
      `${fence}ts`, // 5
      'const a = 1;', // 6
      fence, // 7
      `${fence}tsx`, // 8
      'const b = <div />;', // 9
      fence, // 10
      `${fence}json`, // 11
      '{ "ts": true }', // 12
      fence, // 13
      `${fence}typescript`, // 14
      'const c = 3;', // 15
      fence, // 16
    ].join('\n');
    expect(extractBlocks(text)).toEqual([
      { tsx: false, line: 6, code: 'const a = 1;' },
      { tsx: true, line: 9, code: 'const b = <div />;' },
      { tsx: false, line: 15, code: 'const c = 3;' },
    ]);
  });

  it('turns a @declare line into an ambient declaration on the same line', () => {
    expect(withDeclarations('// @declare session: { userId: string }\nsession.userId;')).toBe(
      'declare const session: { userId: string };\nsession.userId;',
    );
  });
});

describe('check-readme-code', () => {
  // One tsc run for both READMEs: a program over the packages' sources takes a while.
  it('passes right examples and fails a wrong one, naming its README line', {
    timeout: 180_000,
  }, () => {
    const right = readme(
      'right.md',
      [
        `${fence}ts`,
        "import { createMediaLibrary } from '@medialoft/media-library/core';",
        "const lib = createMediaLibrary({ name: 'x' });",
        'await lib.importFiles(fileInput.files ?? [], { signal: controller.signal });',
        '// @declare greeting: string',
        'greeting.toUpperCase();',
        fence,
      ].join('\n'),
    );
    const wrong = readme(
      'wrong.md',
      [
        'Some text.',
        '',
        `${fence}ts`,
        "import { createMediaLibrary } from '@medialoft/media-library/core';",
        "createMediaLibrary({ name: 'x' }).importEverything();",
        'undeclaredThing.run();',
        fence,
      ].join('\n'),
    );
    const result = spawnSync(process.execPath, [script, right, wrong], {
      encoding: 'utf8',
      timeout: 170_000,
    });
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('2 problem(s) in 2 blocks');
    expect(result.stderr).toContain("wrong.md:5:35: Property 'importEverything' does not exist");
    expect(result.stderr).toContain("wrong.md:6:1: Cannot find name 'undeclaredThing'");
    expect(result.stderr).not.toContain('right.md');
  });
});
