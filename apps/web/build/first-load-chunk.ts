interface ModuleGraph {
  getModuleInfo(id: string): { importedIds: readonly string[] } | null;
}

/**
 * A code-splitting group (Rolldown's `output.codeSplitting.groups`) putting every
 * module the app's entry imports statically into one chunk. Left to itself, Rolldown
 * cut them into 9 to 17 small chunks by which lazy parts share them, and each
 * compresses on its own: 4.7 KiB more gzip than the same code in one file. The early
 * forecast entry's modules stay out, so that entry never waits for the app's chunk.
 *
 * @example
 * build: { rollupOptions: { output: { codeSplitting: { groups: [firstLoadChunk(entryPath)] } } } }
 */
export function firstLoadChunk(earlyEntry: string) {
  // Per chunking pass: the graph object is the same throughout one pass.
  const earlyModules = new WeakMap<ModuleGraph, Set<string>>();
  function reachedFromEarlyEntry(graph: ModuleGraph): Set<string> {
    let reached = earlyModules.get(graph);
    if (reached) return reached;
    reached = new Set();
    const next = [earlyEntry];
    for (let id = next.pop(); id !== undefined; id = next.pop()) {
      if (reached.has(id)) continue;
      reached.add(id);
      next.push(...(graph.getModuleInfo(id)?.importedIds ?? []));
    }
    earlyModules.set(graph, reached);
    return reached;
  }
  return {
    name: (id: string, graph: ModuleGraph) =>
      reachedFromEarlyEntry(graph).has(id) ? null : 'first-load',
    // Only what an entry imports statically (and so loads before it runs), not lazy parts.
    tags: ['$initial' as const],
    // Else a module of the app that imports an early one would pull it in here.
    includeDependenciesRecursively: false,
  };
}
