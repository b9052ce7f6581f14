import { globSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import { describe, expect, it } from 'vitest';

import { MAX_FILE_LINES, MAX_FUNCTION_LINES, oversized, SOURCE_GLOBS } from '../code-size.js';

const root = fileURLToPath(new URL('../../..', import.meta.url));
const ARCHITECTURE = 'docs/architecture.md';
const SECTION = '## Size limits';

/** The rows of the allow-list in docs/architecture.md: `| \`file\` | what | why |`. */
function allowList() {
  const doc = readFileSync(path.join(root, ARCHITECTURE), 'utf8');
  const start = doc.indexOf(`\n${SECTION}\n`);
  if (start === -1) throw new Error(`${ARCHITECTURE} has no "${SECTION}" section`);
  const end = doc.indexOf('\n## ', start + SECTION.length + 2);
  const rows = [];
  for (const line of doc.slice(start, end === -1 ? undefined : end).split('\n')) {
    const cells = /^\|\s*`([^`]+)`\s*\|\s*`?([^|`]+?)`?\s*\|(.*)\|\s*$/.exec(line);
    if (cells) rows.push({ file: cells[1], what: cells[2], why: cells[3].trim() });
  }
  return rows;
}

const keyOf = ({ file, what }) => `${file} ${what}`;

describe(`src files within ${MAX_FILE_LINES} lines and functions within ${MAX_FUNCTION_LINES}`, () => {
  const files = globSync(SOURCE_GLOBS, { cwd: root }).filter((file) => !file.endsWith('.d.ts'));
  const found = oversized(root, files);
  const allowed = allowList();

  it('finds the src files it is meant to look at', () => {
    expect(files).toContain('apps/api/src/app.ts');
    expect(files.length).toBeGreaterThan(300);
  });

  it(`has every file or function over the limits listed, with its reason, in ${ARCHITECTURE}`, () => {
    const listed = new Set(allowed.map(keyOf));
    const unlisted = found
      .filter((item) => !listed.has(keyOf(item)))
      .map((item) => `${keyOf(item)} (${item.lines} lines)`);
    expect(unlisted, 'split these, or say why not in the Size limits section').toEqual([]);
  });

  it('lists only what is still over the limits, so the list only shrinks', () => {
    const over = new Set(found.map(keyOf));
    const stale = allowed.filter((row) => !over.has(keyOf(row))).map(keyOf);
    expect(stale, 'within the limits now: delete these rows').toEqual([]);
  });

  it('gives a reason for every exception', () => {
    expect(allowed.filter((row) => row.why.length < 10).map(keyOf)).toEqual([]);
  });
});
