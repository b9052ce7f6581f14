import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';

import { apiDocsDir, renderApiDocs } from '../api-docs.ts';

// `pnpm api:docs` regenerates docs/api/ from the router; a test fails when
// the committed files differ from what this writes.
await mkdir(apiDocsDir, { recursive: true });
for (const [name, contents] of Object.entries(renderApiDocs())) {
  await writeFile(path.join(apiDocsDir, name), contents);
  console.log(`Wrote ${path.relative(process.cwd(), path.join(apiDocsDir, name))}`);
}
