#!/usr/bin/env node
// Keeps the presets thin: fails when a component function in a preset (src/mantine,
// src/tailwind) runs over 130 lines, naming each one, so behaviour moves into the headless
// hooks of src/react instead of growing inside a skin.
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import ts from 'typescript';

const root = new URL('..', import.meta.url).pathname;
const presets = ['mantine', 'tailwind'].map((name) =>
  join(root, 'packages', 'media-library', 'src', name),
);

/** The longest a component function may be, in lines, from its first line to its last. */
export const MAX_COMPONENT_LINES = 130;

// Components allowed over the limit while the work that owns their file splits them (none now:
// every preset component fits); an entry
// is "<file>:<component>", to be taken off as soon as that component fits (the check then
// says so, without failing, so the split and this list need not land together).
const allowlist = new Set([]);

const isComponentName = (name) => /^[A-Z]/.test(name);

/**
 * Every component function in `source` (a function, or a const holding an arrow or function
 * expression, named in PascalCase) with its length in lines.
 */
export function componentSizes(fileName, source) {
  const file = ts.createSourceFile(
    fileName,
    source,
    ts.ScriptTarget.Latest,
    true,
    ts.ScriptKind.TSX,
  );
  const lines = (node) =>
    file.getLineAndCharacterOfPosition(node.getEnd()).line -
    file.getLineAndCharacterOfPosition(node.getStart(file)).line +
    1;
  const found = [];
  const visit = (node) => {
    if (ts.isFunctionDeclaration(node) && node.name && isComponentName(node.name.text)) {
      found.push({ name: node.name.text, lines: lines(node) });
    } else if (
      ts.isVariableDeclaration(node) &&
      ts.isIdentifier(node.name) &&
      isComponentName(node.name.text) &&
      node.initializer &&
      (ts.isArrowFunction(node.initializer) || ts.isFunctionExpression(node.initializer))
    ) {
      found.push({ name: node.name.text, lines: lines(node.initializer) });
    }
    ts.forEachChild(node, visit);
  };
  visit(file);
  return found;
}

/** The components over the limit in the presets' source files, as "<file>:<name> (N lines)". */
export function oversizedComponents({ max = MAX_COMPONENT_LINES, allowed = allowlist } = {}) {
  const over = [];
  const stale = [];
  for (const dir of presets) {
    let names = [];
    try {
      names = readdirSync(dir);
    } catch {
      continue;
    }
    for (const name of names) {
      if (!name.endsWith('.tsx') || name.includes('.test.')) continue;
      const path = join(dir, name);
      const key = relative(join(dir, '..'), path);
      for (const component of componentSizes(path, readFileSync(path, 'utf8'))) {
        const id = `${key}:${component.name}`;
        if (component.lines <= max) continue;
        if (allowed.has(id)) stale.push(id);
        else over.push(`${id} (${component.lines} lines)`);
      }
    }
  }
  return { over, allowedOver: stale };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { over, allowedOver } = oversizedComponents();
  const unused = [...allowlist].filter((id) => !allowedOver.includes(id));
  if (unused.length > 0) {
    console.log(
      `ℹ Component size: these fit in ${MAX_COMPONENT_LINES} lines now; take them off the ` +
        `allowlist in scripts/check-component-size.mjs:\n  ${unused.join('\n  ')}`,
    );
  }
  if (over.length > 0) {
    console.error(
      `✖ Component size: over ${MAX_COMPONENT_LINES} lines; move behaviour into a hook in ` +
        `src/react or split the component:\n  ${over.join('\n  ')}`,
    );
    process.exit(1);
  }
  console.log(`✔ Component size: every preset component is within ${MAX_COMPONENT_LINES} lines`);
}
