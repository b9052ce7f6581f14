import { readFile } from 'node:fs/promises';
import path from 'node:path';

import { describe, expect, it } from 'vitest';

import { apiDocsDir, renderApiDocs } from '../src/api-docs.ts';

describe('committed API reference (docs/api)', () => {
  for (const [name, expected] of Object.entries(renderApiDocs())) {
    it(`${name} matches the router`, async () => {
      const committed = await readFile(path.join(apiDocsDir, name), 'utf8').catch(() => '');
      expect(
        committed === expected,
        `docs/api/${name} is out of date with the router. Run \`pnpm api:docs\` and commit the result.`,
      ).toBe(true);
    });
  }

  it('documents every procedure with its schemas and a curl example', () => {
    const openApi = JSON.parse(renderApiDocs()['openapi.json']!) as {
      paths: Record<string, { get?: Record<string, unknown> }>;
    };
    const forecast = openApi.paths['/trpc/weather.forecast']?.get;
    expect(forecast).toMatchObject({
      operationId: 'weather.forecast',
      parameters: [{ name: 'input', in: 'query' }],
      'x-codeSamples': [
        { lang: 'curl', source: expect.stringContaining('--data-urlencode') as unknown },
      ],
    });
    expect(JSON.stringify(forecast)).toContain('"windUnit"');
  });
});
