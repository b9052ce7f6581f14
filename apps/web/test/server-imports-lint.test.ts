import path from 'node:path';

import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const cwd = path.resolve(import.meta.dirname, '..');
const RULE = '@typescript-eslint/no-restricted-imports';

const SNIPPET_PATH = 'src/x.ts';

async function lint(code: string) {
  const eslint = new ESLint({
    cwd,
    overrideConfigFile: path.join(cwd, 'eslint.config.js'),
    // The snippet is no file on disk, so the TypeScript project does not know it.
    overrideConfig: {
      languageOptions: {
        parserOptions: { projectService: { allowDefaultProject: [SNIPPET_PATH] } },
      },
    },
  });
  const [result] = await eslint.lintText(code, { filePath: path.join(cwd, SNIPPET_PATH) });
  const messages = result?.messages ?? [];
  // A parsing error would hide the rule: fail loudly instead of passing the "allows" case by accident.
  expect(messages.filter((message) => message.fatal)).toEqual([]);
  return messages;
}

describe('the web app imports only types from server packages', () => {
  it('reports a value import from @skycast/api', async () => {
    const messages = await lint(
      "import { appRouter } from '@skycast/api';\n\nexport const router = appRouter;\n",
    );
    const ruleIds = messages.map((message) => message.ruleId);
    expect(ruleIds).toContain(RULE);
    expect(messages.find((message) => message.ruleId === RULE)?.message).toMatch(
      /may only `import type` from @skycast\/api/,
    );
  });

  it('reports a value import from a server package’s subpath', async () => {
    const messages = await lint(
      "import { startEmbeddedPostgres } from '@skycast/db/embedded';\n\nexport const start = startEmbeddedPostgres;\n",
    );
    expect(messages.map((message) => message.ruleId)).toContain(RULE);
  });

  it('allows `import type`', async () => {
    const messages = await lint(
      "import type { AppRouter } from '@skycast/api';\n\nexport type Router = AppRouter;\n",
    );
    expect(messages.map((message) => message.ruleId)).not.toContain(RULE);
  });
  // Typed linting builds a whole TypeScript program: minutes on a loaded 2-core machine.
}, 240_000);
