import { readFileSync } from 'node:fs';
import path from 'node:path';

import { Linter } from 'eslint';
import tseslint from 'typescript-eslint';

/** The most lines a src file may have. */
export const MAX_FILE_LINES = 300;
/** The most lines a function may have (its whole text, comments and blank lines included). */
export const MAX_FUNCTION_LINES = 80;

/** Where the limits apply: every package's `src`. */
export const SOURCE_GLOBS = [
  'apps/*/src/**/*.{ts,tsx}',
  'packages/*/src/**/*.{ts,tsx}',
  'tooling/*/src/**/*.{ts,tsx}',
  'drivers/*/src/**/*.{ts,tsx}',
];

const config = [
  {
    files: ['**/*.ts', '**/*.tsx'],
    linterOptions: { reportUnusedDisableDirectives: 'off' },
    languageOptions: {
      parser: tseslint.parser,
      parserOptions: { ecmaFeatures: { jsx: true } },
    },
    rules: {
      'max-lines': ['error', { max: MAX_FILE_LINES, skipBlankLines: false, skipComments: false }],
      'max-lines-per-function': [
        'error',
        { max: MAX_FUNCTION_LINES, skipBlankLines: false, skipComments: false, IIFEs: true },
      ],
    },
  },
];

/**
 * Every file and function over the limits, found by ESLint's own `max-lines`
 * and `max-lines-per-function` (parsed only, no type information, so the
 * whole repo takes a few seconds). `what` is `(file)` for a file, else the
 * function's name, or `(anonymous)`.
 *
 * @param {string} root the repo's root
 * @param {string[]} files paths relative to `root`
 * @returns {{ file: string, what: string, lines: number }[]}
 *
 * @example
 * oversized(root, ['apps/api/src/app.ts']); // [] while app.ts keeps to the limits
 */
export function oversized(root, files) {
  const linter = new Linter({ configType: 'flat' });
  const found = [];
  for (const file of files) {
    const text = readFileSync(path.join(root, file), 'utf8');
    for (const message of linter.verify(text, config, file)) {
      if (message.fatal) throw new Error(`${file}:${message.line}: ${message.message}`);
      const lines = Number(/too many lines \((\d+)\)/.exec(message.message)?.[1]);
      const what =
        message.ruleId === 'max-lines'
          ? '(file)'
          : (/(?:function|method) '([^']+)'/i.exec(message.message)?.[1] ?? '(anonymous)');
      found.push({ file, what, lines });
    }
  }
  return found;
}
