import { readFile } from 'node:fs/promises';
import path from 'node:path';

import { minify, type Plugin } from 'vite';

/**
 * Writes a script of `public/` (kept there readable, and read by tests) minified
 * into the build: `theme.js` runs before the first paint on every page, so its
 * comments and long names would be bytes every first load pays for.
 */
export function minifiedPublicScript(fileName: string): Plugin {
  let publicDir = '';
  return {
    name: 'skycast-minified-public-script',
    apply: 'build',
    configResolved(config) {
      publicDir = config.publicDir;
    },
    async generateBundle() {
      const source = await readFile(path.join(publicDir, fileName), 'utf8');
      const { code, errors } = await minify(fileName, source, { compress: true, mangle: true });
      if (errors.length > 0) this.error(`${fileName}: ${errors.map((e) => e.message).join('; ')}`);
      this.emitFile({ type: 'asset', fileName, source: code });
    },
  };
}
