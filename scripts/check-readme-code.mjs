#!/usr/bin/env node
// Type-checks every ```ts and ```tsx block of the READMEs (the root one and each package's), so
// an example cannot drift from the API it shows. Each block becomes a module of its own in a
// temporary folder whose node_modules links every package the workspace installed, with
// `@medialoft/*` resolved to the packages' sources (the `@medialoft/source` condition).
//
// A block may use the placeholders declared in scripts/readme-placeholders.d.ts (`library`,
// `fileInput`, `controller`, …: things the surrounding prose supposes the reader has). A name
// only one block needs is declared in that block with a comment line of its own:
//   // @declare session: { userId: string }
// which becomes `declare const session: { userId: string };` before the block.
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';
import ts from 'typescript';

const root = new URL('..', import.meta.url).pathname;
const placeholders = join(root, 'scripts', 'readme-placeholders.d.ts');

/** The root README and every package's, or the Markdown files named on the command line. */
const readmes = (args) =>
  args.length > 0
    ? args.map((path) => resolve(path))
    : [
        join(root, 'README.md'),
        ...readdirSync(join(root, 'packages'))
          .map((name) => join(root, 'packages', name, 'README.md'))
          .filter((path) => existsSync(path)),
      ];

/** The ts/tsx blocks of a Markdown file, with the line each one's code starts on. */
export function extractBlocks(markdown) {
  const blocks = [];
  const lines = markdown.split('\n');
  let open;
  for (const [index, line] of lines.entries()) {
    const fence = /^(\s*)(```+|~~~+)\s*([\w-]*)/.exec(line);
    if (!open) {
      if (fence && ['ts', 'tsx', 'typescript'].includes(fence[3].toLowerCase()))
        open = {
          fence: fence[2],
          tsx: fence[3].toLowerCase() === 'tsx',
          start: index + 1,
          code: [],
        };
      else if (fence) open = { fence: fence[2], skip: true };
    } else if (
      line.trim().startsWith(open.fence) &&
      line.trim().replaceAll(open.fence[0], '') === ''
    ) {
      if (!open.skip)
        blocks.push({ tsx: open.tsx, line: open.start + 1, code: open.code.join('\n') });
      open = undefined;
    } else if (!open.skip) open.code.push(line);
  }
  return blocks;
}

/** `// @declare name: Type` lines as ambient declarations, kept on the same line numbers. */
export function withDeclarations(code) {
  return code.replace(
    /^\s*\/\/\s*@declare\s+([A-Za-z_$][\w$]*)\s*:\s*(.+)$/gm,
    'declare const $1: $2;',
  );
}

/** A folder whose node_modules links every package any workspace package installed. */
function consumerFolder() {
  const dir = mkdtempSync(join(tmpdir(), 'medialoft-readme-'));
  const modules = join(dir, 'node_modules');
  mkdirSync(join(modules, '@medialoft'), { recursive: true });
  for (const name of readdirSync(join(root, 'packages'))) {
    const manifest = JSON.parse(readFileSync(join(root, 'packages', name, 'package.json'), 'utf8'));
    symlinkSync(join(root, 'packages', name), join(modules, manifest.name), 'dir');
  }
  const sources = [
    join(root, 'node_modules'),
    ...readdirSync(join(root, 'packages')).map((name) =>
      join(root, 'packages', name, 'node_modules'),
    ),
  ].filter((path) => existsSync(path));
  for (const source of sources) {
    for (const entry of readdirSync(source)) {
      if (entry.startsWith('.') || entry === '@medialoft') continue;
      const names = entry.startsWith('@')
        ? readdirSync(join(source, entry)).map((sub) => `${entry}/${sub}`)
        : [entry];
      for (const name of names) {
        const link = join(modules, name);
        if (existsSync(link)) continue;
        mkdirSync(join(link, '..'), { recursive: true });
        symlinkSync(join(source, name), link, 'dir');
      }
    }
  }
  return dir;
}

function main(args) {
  const dir = consumerFolder();
  const files = new Map(); // temp file -> { readme, line }
  const checked = readmes(args);
  for (const readme of checked) {
    const slug = relative(root, readme)
      .replaceAll(/[^\w]+/g, '-')
      .toLowerCase();
    for (const [index, block] of extractBlocks(readFileSync(readme, 'utf8')).entries()) {
      // `export {}` makes every block a module, so blocks never see each other's names.
      const file = join(dir, `${slug}-${index + 1}.${block.tsx ? 'tsx' : 'ts'}`);
      writeFileSync(file, `${withDeclarations(block.code)}\nexport {};\n`);
      files.set(file, { readme, line: block.line });
    }
  }
  // The repository's own settings, less noUncheckedIndexedAccess: a host's `strict` does not
  // include it, and examples guarded for it would read worse than the code a host writes.
  const base = ts.readConfigFile(join(root, 'tsconfig.base.json'), ts.sys.readFile).config;
  const { options } = ts.parseJsonConfigFileContent(
    {
      compilerOptions: {
        ...base.compilerOptions,
        types: ['node'],
        noUncheckedIndexedAccess: false,
      },
    },
    ts.sys,
    dir,
  );
  const program = ts.createProgram([...files.keys(), placeholders], options);
  const problems = ts
    .getPreEmitDiagnostics(program)
    .filter((diagnostic) => diagnostic.file && files.has(diagnostic.file.fileName))
    .map((diagnostic) => {
      const { readme, line } = files.get(diagnostic.file.fileName);
      const at = diagnostic.file.getLineAndCharacterOfPosition(diagnostic.start ?? 0);
      const message = ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n  ');
      return `${relative(root, readme)}:${line + at.line}:${at.character + 1}: ${message}`;
    });
  rmSync(dir, { recursive: true, force: true });
  const count = files.size;
  if (problems.length > 0) {
    console.error(
      `✖ README code: ${problems.length} problem(s) in ${count} blocks. Fix the example, or ` +
        'declare a name it supposes with a `// @declare name: Type` line (or, for a name many ' +
        `examples suppose, in ${relative(root, placeholders)}):\n${problems.join('\n')}`,
    );
    process.exit(1);
  }
  console.log(`✔ README code: ${count} blocks in ${checked.length} READMEs type-check`);
}

if (import.meta.url === `file://${process.argv[1]}`) main(process.argv.slice(2));
