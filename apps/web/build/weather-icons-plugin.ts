import { createHash } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';

import type { Plugin } from 'vite';

const ID = 'virtual:skycast/weather-icons';

/**
 * `import iconFolder from 'virtual:skycast/weather-icons'`: the URL of the
 * folder holding the weather icons, `<name>.svg` each. A build writes them all
 * to one folder named by a hash of the set (`/assets/weather-icons-<hash>/`),
 * fingerprinted as a whole: the first load's JavaScript then holds one path,
 * not a hashed file name per icon (35 of them, about 0.55 KB gzip). In
 * development, the source folder as Vite serves it.
 */
export function weatherIcons(iconsDir: string): Plugin {
  let folder = '';
  let icons: { name: string; source: Buffer }[] = [];
  let building = false;
  let root = '';
  return {
    name: 'skycast-weather-icons',
    configResolved(config) {
      building = config.command === 'build';
      root = config.root;
    },
    async buildStart() {
      const names = (await readdir(iconsDir)).filter((name) => name.endsWith('.svg')).sort();
      icons = await Promise.all(
        names.map(async (name) => ({ name, source: await readFile(path.join(iconsDir, name)) })),
      );
      const hash = createHash('sha256');
      for (const icon of icons) hash.update(icon.name).update(icon.source);
      folder = building
        ? `/assets/weather-icons-${hash.digest('base64url').slice(0, 10)}/`
        : `/${path.relative(root, iconsDir).split(path.sep).join('/')}/`;
    },
    resolveId: (id) => (id === ID ? `\0${ID}` : undefined),
    load: (id) => (id === `\0${ID}` ? `export default ${JSON.stringify(folder)};` : undefined),
    generateBundle() {
      if (!building) return;
      for (const icon of icons)
        this.emitFile({
          type: 'asset',
          fileName: `${folder.slice(1)}${icon.name}`,
          source: icon.source,
        });
    },
  };
}
