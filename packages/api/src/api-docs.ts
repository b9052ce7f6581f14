import path from 'node:path';
import { fileURLToPath } from 'node:url';

import { describeRouter, renderApiReferenceMarkdown, renderOpenApi } from './api-reference.ts';
import { appRouter } from './root.ts';

/** Where `pnpm api:docs` writes the committed API reference. */
export const apiDocsDir = path.resolve(
  path.dirname(fileURLToPath(import.meta.url)),
  '../../../docs/api',
);

/** The committed documents, file name → contents, as the router describes itself now. */
export function renderApiDocs(): Record<string, string> {
  const docs = describeRouter(appRouter);
  return {
    'openapi.json': `${JSON.stringify(renderOpenApi(docs), null, 2)}\n`,
    'reference.md': renderApiReferenceMarkdown(docs),
  };
}
