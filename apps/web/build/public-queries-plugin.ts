import type { Plugin } from 'vite';

import { appRouter, publicQueryPaths } from '@skycast/api';

const ID = 'virtual:skycast/public-queries';

/**
 * `import publicQueries from 'virtual:skycast/public-queries'`: the paths of
 * the router's public, cacheable queries (packages/api/src/procedures.ts),
 * read from the router at build time. The web app's cookie-less link and its
 * service worker follow this list, as the server's hot path does, so no rule
 * of the browser restates which procedures are public.
 */
export function publicQueries(): Plugin {
  return {
    name: 'skycast-public-queries',
    resolveId: (id) => (id === ID ? `\0${ID}` : undefined),
    load: (id) =>
      id === `\0${ID}`
        ? `export default ${JSON.stringify(publicQueryPaths(appRouter))};`
        : undefined,
  };
}
