// The core must run without React. Two guards: a static scan of every core module's imports,
// and loading the core with `react` mocked to nothing, so a stray runtime import fails.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';

vi.mock('react', () => ({}));
vi.mock('react-dom', () => ({}));

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((entry) => {
    const path = join(dir, entry);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return /\.tsx?$/.test(entry) && !/\.test\.tsx?$/.test(entry) ? [path] : [];
  });
}

describe('core without React', () => {
  it('no core module imports react, react-dom or @mantine', () => {
    const offenders = sourceFiles(import.meta.dirname).filter((file) =>
      /from\s+['"](react|react-dom|@mantine\/[^'"]+)(\/[^'"]*)?['"]|import\(\s*['"]react/.test(
        readFileSync(file, 'utf8'),
      ),
    );
    expect(offenders).toEqual([]);
  });

  it('loads with react mocked to an empty module', async () => {
    const core = await import('./index');
    expect(core.StorageFullError).toBeTypeOf('function');
  });
});
