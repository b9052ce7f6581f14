import { gzipSync } from 'node:zlib';

/** A script of the built app as the server sends it, with its size gzipped (level 6). */
export interface Script {
  path: string;
  code: string;
  gzip: number;
}

async function fetchScript(appUrl: string, path: string): Promise<Script> {
  const response = await fetch(`${appUrl}${path}`);
  if (!response.ok) throw new Error(`${path}: ${response.status}`);
  const code = await response.text();
  return { path, code, gzip: gzipSync(code).length };
}

/** The bytes of some scripts, gzipped one by one, as a browser receives them. */
export const gzipped = (scripts: readonly Script[]) =>
  scripts.reduce((sum, script) => sum + script.gzip, 0);

/**
 * What every page loads before its first render: the scripts `index.html` names
 * (its entries, `theme.js` among them, and its modulepreloads), each once.
 */
export async function firstLoadScripts(appUrl: string): Promise<Script[]> {
  const html = await (await fetch(`${appUrl}/`)).text();
  const entries = [...html.matchAll(/<script[^>]+src="([^"]+\.js)"/g)].map((match) => match[1]);
  const preloads = [...html.matchAll(/<link[^>]+rel="modulepreload"[^>]+href="([^"]+)"/g)].map(
    (match) => match[1],
  );
  const paths = [...new Set([...entries, ...preloads])].filter((path) => path !== undefined);
  return Promise.all(paths.map((path) => fetchScript(appUrl, path)));
}

/**
 * What the home page loads besides, before its first screen is there: the start
 * page's chunk, which the first render asks for, and every chunk it imports that
 * the first load does not hold.
 */
export async function startPageScripts(appUrl: string, firstLoad: Script[]): Promise<Script[]> {
  const name = firstLoad
    .map((script) => /\bStartPage-[\w-]+\.js\b/.exec(script.code)?.[0])
    .find((found) => found !== undefined);
  if (!name) throw new Error('no chunk of the start page is named in the first load');
  const loaded = new Set(firstLoad.map((script) => script.path));
  const scripts: Script[] = [];
  const next = [`/assets/${name}`];
  for (let path = next.pop(); path !== undefined; path = next.pop()) {
    if (loaded.has(path)) continue;
    loaded.add(path);
    const script = await fetchScript(appUrl, path);
    scripts.push(script);
    // Its static imports (`import{…}from"./x.js"`, `import"./x.js"`), loaded before it runs.
    for (const match of script.code.matchAll(
      /\bimport\s*(?:[^;"'`()]*?\bfrom\s*)?["'`]\.\/([\w-]+\.js)["'`]/g,
    ))
      next.push(`/assets/${match[1]}`);
  }
  return scripts;
}
