#!/usr/bin/env node
// The public API of every package entry, as checked-in reports in api/ (one per entry: every
// exported name with its kind and signature), so a change to what hosts can import shows up
// in review. `node scripts/api-report.mjs` fails when the sources and the reports differ;
// `node scripts/api-report.mjs --update` rewrites the reports after an intended change.
//
// The entries are the `exports` of each package.json, read through the `@medialoft/source`
// condition, so the report needs no build; types are printed by the TypeScript checker.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import ts from 'typescript';

const root = new URL('..', import.meta.url).pathname;
const apiDir = join(root, 'api');
const update = process.argv.includes('--update');

const FLAGS =
  ts.TypeFormatFlags.NoTruncation | ts.TypeFormatFlags.UseSingleQuotesForStringLiteralType;

/** [report file name, package name + subpath, source file] for every public entry. */
function entries() {
  return readdirSync(join(root, 'packages')).flatMap((dir) => {
    const manifest = JSON.parse(readFileSync(join(root, 'packages', dir, 'package.json'), 'utf8'));
    if (manifest.private) return [];
    const short = manifest.name.replace(/^@medialoft\//, '');
    return Object.entries(manifest.exports ?? {})
      .filter(([, target]) => typeof target === 'object' && target['@medialoft/source'])
      .map(([subpath, target]) => [
        `${[short, ...subpath.split('/').slice(1)].join('.')}.api.md`,
        `${manifest.name}${subpath.slice(1)}`,
        join(root, 'packages', dir, target['@medialoft/source']),
      ]);
  });
}

const isPublicMember = (declaration) => {
  const flags = ts.getCombinedModifierFlags(declaration);
  if (flags & (ts.ModifierFlags.Private | ts.ModifierFlags.Protected)) return false;
  const name = declaration.name;
  return !(name && ts.isPrivateIdentifier(name));
};

/** A member's name as TypeScript writes it: quoted unless it is an identifier (`'aria-modal'`). */
const propertyName = (name) => (/^[A-Za-z_$][\w$]*$/.test(name) ? name : `'${name}'`);

function describe(checker, name, symbol) {
  const target = symbol.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(symbol) : symbol;
  const declaration = target.declarations?.[0];
  const typeOnly = !(target.flags & ts.SymbolFlags.Value);
  const text = (type, node) => checker.typeToString(type, node, FLAGS);
  const members = (declarations) =>
    declarations
      .flatMap((node) => node.members ?? [])
      .filter(
        (member) =>
          isPublicMember(member) && !ts.isIndexSignatureDeclaration(member) && member.name,
      )
      .map((member) => {
        const memberSymbol = checker.getSymbolAtLocation(member.name);
        if (!memberSymbol) return `  ${member.name.getText()}`;
        const isStatic = ts.getCombinedModifierFlags(member) & ts.ModifierFlags.Static;
        const optional = memberSymbol.flags & ts.SymbolFlags.Optional ? '?' : '';
        const readonly = ts.getCombinedModifierFlags(member) & ts.ModifierFlags.Readonly;
        const type = checker.getTypeOfSymbolAtLocation(memberSymbol, member);
        return `  ${isStatic ? 'static ' : ''}${readonly ? 'readonly ' : ''}${propertyName(memberSymbol.name)}${optional}: ${text(type, member)};`;
      });
  const heritage = (node) =>
    (node.heritageClauses ?? []).map((clause) => ` ${clause.getText()}`).join('');
  const typeParameters = (node) =>
    node.typeParameters ? `<${node.typeParameters.map((p) => p.getText()).join(', ')}>` : '';

  if (!declaration) return `unknown ${name}`;
  if (target.flags & ts.SymbolFlags.Class) {
    const ctorType = checker.getTypeOfSymbolAtLocation(target, declaration);
    const parameter = (p) => {
      const node = p.valueDeclaration;
      const optional = node && (node.questionToken || node.initializer) ? '?' : '';
      const rest = node?.dotDotDotToken ? '...' : '';
      return `${rest}${p.name}${optional}: ${text(checker.getTypeOfSymbolAtLocation(p, declaration), declaration)}`;
    };
    const ctors = ctorType
      .getConstructSignatures()
      .map((signature) => `  constructor(${signature.getParameters().map(parameter).join(', ')});`);
    const classDeclarations = target.declarations.filter(ts.isClassDeclaration);
    const own = members(classDeclarations).filter((line) => !line.startsWith('  constructor'));
    return [
      `class ${name}${typeParameters(declaration)}${heritage(declaration)} {`,
      ...new Set([...ctors, ...own]),
      '}',
    ].join('\n');
  }
  if (target.flags & ts.SymbolFlags.Function) {
    const type = checker.getTypeOfSymbolAtLocation(target, declaration);
    return type
      .getCallSignatures()
      .map(
        (signature) =>
          `function ${name}${checker.signatureToString(signature, declaration, FLAGS)};`,
      )
      .join('\n');
  }
  if (target.flags & ts.SymbolFlags.Enum) {
    return `enum ${name} { ${target.declarations.flatMap((d) => d.members.map((m) => m.getText())).join(', ')} }`;
  }
  if (target.flags & ts.SymbolFlags.Interface) {
    const interfaces = target.declarations.filter(ts.isInterfaceDeclaration);
    const first = interfaces[0] ?? declaration;
    const calls = checker
      .getDeclaredTypeOfSymbol(target)
      .getCallSignatures()
      .map((signature) => `  ${checker.signatureToString(signature, first, FLAGS)};`);
    return [
      `interface ${name}${typeParameters(first)}${heritage(first)} {`,
      ...calls,
      ...members(interfaces),
      '}',
    ].join('\n');
  }
  if (target.flags & ts.SymbolFlags.TypeAlias) {
    const alias = target.declarations.find(ts.isTypeAliasDeclaration) ?? declaration;
    const type = checker.getTypeAtLocation(alias.type);
    const written = checker.typeToString(type, alias, FLAGS | ts.TypeFormatFlags.InTypeAlias);
    return `type ${name}${typeParameters(alias)} = ${written};`;
  }
  if (target.flags & ts.SymbolFlags.Variable) {
    const type = checker.getTypeOfSymbolAtLocation(target, declaration);
    return `const ${name}: ${text(type, declaration)};`;
  }
  return `${typeOnly ? 'type' : 'value'} ${name}`;
}

function report(program, [, specifier, source]) {
  const checker = program.getTypeChecker();
  const sourceFile = program.getSourceFile(source);
  const moduleSymbol = sourceFile && checker.getSymbolAtLocation(sourceFile);
  if (!moduleSymbol) throw new Error(`${relative(root, source)} is not a module`);
  const exported = checker
    .getExportsOfModule(moduleSymbol)
    .sort((a, b) => a.name.localeCompare(b.name, 'en'));
  const lines = exported.map((symbol) => describe(checker, symbol.name, symbol));
  return [
    `# ${specifier}`,
    '',
    `The public API of \`${specifier}\` (${exported.length} exports), generated by`,
    '`node scripts/api-report.mjs --update` from the sources; `pnpm test` fails when it is stale.',
    '',
    '```ts',
    ...lines,
    '```',
    '',
  ].join('\n');
}

/**
 * Where the checker names a type by its file (`import("/abs/node_modules/.pnpm/…/react/index")`),
 * the package or repository path instead, so the report reads the same on every machine and
 * does not change with a dependency's patch version.
 */
function portable(text) {
  return text.replaceAll(/import\("([^"]+)"\)/g, (_, path) => {
    const inPackage = /.*\/node_modules\/(?:@types\/)?((?:@[^/]+\/)?[^/]+)(\/.*)?$/.exec(path);
    if (inPackage) {
      const name = inPackage[1].replace(/^([^@/]+)__(.+)$/, '@$1/$2');
      return `import('${name}${(inPackage[2] ?? '').replace(/\/index$/, '')}')`;
    }
    return `import('${relative(root, path)}')`;
  });
}

/** The lines removed (-) and added (+) from `before` to `after`, by longest common subsequence. */
function lineDiff(before, after) {
  const a = before.split('\n');
  const b = after.split('\n');
  const common = Array.from({ length: a.length + 1 }, () => new Uint32Array(b.length + 1));
  for (let i = a.length - 1; i >= 0; i--) {
    for (let j = b.length - 1; j >= 0; j--) {
      common[i][j] =
        a[i] === b[j] ? common[i + 1][j + 1] + 1 : Math.max(common[i + 1][j], common[i][j + 1]);
    }
  }
  const out = [];
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    if (i < a.length && j < b.length && a[i] === b[j]) {
      i++;
      j++;
    } else if (j < b.length && (i === a.length || common[i][j + 1] >= common[i + 1][j])) {
      out.push(`  + ${b[j++]}`);
    } else out.push(`  - ${a[i++]}`);
  }
  return out;
}

/** The report as the repository's formatter leaves it, so `pnpm lint` and the report agree. */
function formatted(path, text) {
  const result = spawnSync(
    join(root, 'node_modules', '.bin', 'biome'),
    ['format', `--stdin-file-path=${path}`],
    { input: text, encoding: 'utf8' },
  );
  if (result.status !== 0) throw new Error(`biome could not format ${path}:\n${result.stderr}`);
  return result.stdout;
}

const list = entries();
const base = ts.readConfigFile(join(root, 'tsconfig.base.json'), ts.sys.readFile).config;
const { options } = ts.parseJsonConfigFileContent(
  { compilerOptions: { ...base.compilerOptions, types: ['node'] } },
  ts.sys,
  root,
);
const program = ts.createProgram(
  list.map(([, , source]) => source),
  options,
);

const stale = [];
const wanted = new Set();
mkdirSync(apiDir, { recursive: true });
for (const entry of list) {
  const path = join(apiDir, entry[0]);
  wanted.add(entry[0]);
  const text = formatted(path, portable(report(program, entry)));
  const current = existsSync(path) ? readFileSync(path, 'utf8') : undefined;
  if (current === text) continue;
  if (update) writeFileSync(path, text);
  else {
    stale.push(`api/${entry[0]} (${entry[1]}):\n${lineDiff(current ?? '', text).join('\n')}`);
  }
}
for (const file of readdirSync(apiDir)) {
  if (!file.endsWith('.api.md') || wanted.has(file)) continue;
  if (update) rmSync(join(apiDir, file));
  else stale.push(`api/${file} names an entry no package exports any more`);
}

if (stale.length > 0) {
  console.error(
    `✖ API report: the public API differs from the checked-in report. If the change is meant, run ` +
      `"node scripts/api-report.mjs --update" and commit api/.\n${stale.join('\n')}`,
  );
  process.exit(1);
}
console.log(`✔ API report: ${list.length} entries ${update ? 'written to' : 'match'} api/`);
