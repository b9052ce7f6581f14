import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}

interface CpuProfile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

/**
 * The top entries of the `.cpuprofile` files in `dir` (as `node --cpu-prof`
 * writes them), by self time, as a Markdown table: where the server's CPU went.
 * Frames are named by function and the package (or file) they are in.
 */
export async function summariseProfiles(dir: string, top = 25): Promise<string> {
  const files = (await readdir(dir)).filter((file) => file.endsWith('.cpuprofile'));
  const selfMicros = new Map<string, number>();
  let total = 0;
  for (const file of files) {
    const profile = JSON.parse(await readFile(path.join(dir, file), 'utf8')) as CpuProfile;
    const frameOf = new Map(profile.nodes.map((node) => [node.id, frameName(node)]));
    profile.samples.forEach((id, index) => {
      const micros = profile.timeDeltas[index] ?? 0;
      const frame = frameOf.get(id) ?? '?';
      selfMicros.set(frame, (selfMicros.get(frame) ?? 0) + micros);
      total += micros;
    });
  }
  const idle = selfMicros.get('(idle)') ?? 0;
  const busy = total - idle;
  const rows = [...selfMicros]
    .filter(([frame]) => frame !== '(idle)')
    .sort((a, b) => b[1] - a[1])
    .slice(0, top)
    .map(([frame, micros]) => `| ${frame} | ${((100 * micros) / busy).toFixed(1)} % |`);
  return [
    `CPU profile of Skycast (${files.length} file(s), ${(busy / 1e6).toFixed(1)} s busy): top ${top} by self time, share of busy time.`,
    '',
    '| function (where) | self |',
    '| --- | ---: |',
    ...rows,
  ].join('\n');
}

function frameName(node: ProfileNode): string {
  const { functionName, url } = node.callFrame;
  if (!url) return functionName || '(anonymous)';
  // node_modules/.pnpm/<pkg>@<version>/node_modules/<pkg>/… → <pkg>; otherwise the file.
  const inPackage = /node_modules\/(?!\.pnpm)((?:@[^/]+\/)?[^/]+)\/(.*)$/.exec(url);
  const where = inPackage
    ? `${inPackage[1]}/${path.basename(inPackage[2] ?? '')}`
    : path.basename(url);
  return `${functionName || '(anonymous)'} (${where})`;
}
