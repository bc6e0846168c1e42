// examples/tailwind-app is the README's Tailwind section as a host writes it, and the host-app
// walk proves that section works from the tarballs: keep the two the same, character for
// character.
import { readFileSync } from 'node:fs';
import { expect, it } from 'vitest';
import { extractBlocks } from './check-readme-code.mjs';

const read = (path: string) => readFileSync(new URL(`../${path}`, import.meta.url), 'utf8');
const readme = read('README.md');
const start = readme.indexOf('\n### Tailwind preset\n');
const section = readme.slice(start, readme.indexOf('\n### ', start + 1));

it('has the README Tailwind section', () => {
  expect(start).toBeGreaterThan(0);
});

it('uses the two CSS lines of the README as its stylesheet', () => {
  const css = /```css\n([\s\S]*?)```/.exec(section)?.[1];
  expect(css).toContain('@source "../node_modules/@medialoft/media-library/dist";');
  expect(read('examples/tailwind-app/src/index.css')).toBe(css);
});

it('renders the README Tailwind example as its app', () => {
  const blocks = extractBlocks(section).filter((block: { tsx: boolean }) => block.tsx);
  expect(blocks).toHaveLength(1);
  expect(read('examples/tailwind-app/src/app.tsx')).toBe(`${blocks[0].code}\n`);
});
