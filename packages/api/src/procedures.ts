import type { AnyProcedure, AnyRouter } from '@trpc/server';

import { requireUser, type ProcedureMeta } from './trpc.ts';

/**
 * What the rest of Skycast may know of a procedure. This is the one module
 * that reads tRPC's internals (`_def`, `_middlewares`): the API reference,
 * the guardrails, the response headers, the hot path and the metrics all
 * read procedures through it, so a tRPC release that moves them is mended
 * here alone.
 */
export interface ProcedureInfo {
  /** `router.procedure`, e.g. `weather.forecast`. */
  readonly path: string;
  readonly type: 'query' | 'mutation' | 'subscription';
  /** The procedure's `.meta({ ... })`, `{}` when it has none. */
  readonly meta: ProcedureMeta;
  /** The input parsers in the order `.input()` added them. */
  readonly inputs: readonly unknown[];
  /** The `.output()` parser, if any. */
  readonly output: unknown;
  /** Built on `protectedProcedure`: signed-in callers only. */
  readonly protected: boolean;
  /**
   * How long a successful answer may be kept by the hot path, browsers and
   * CDNs: `meta.cacheSeconds` for a public query, 0 for anything else.
   */
  readonly cacheSeconds: number;
}

interface ProcedureInternals {
  type: ProcedureInfo['type'];
  meta?: ProcedureMeta;
  inputs: unknown[];
  output?: unknown;
  middlewares?: readonly unknown[];
}

const infos = new WeakMap<AnyProcedure, ProcedureInfo>();
const lists = new WeakMap<AnyRouter, readonly ProcedureInfo[]>();

/**
 * Every procedure of a router, sorted by path.
 *
 * @example
 * listProcedures(appRouter).filter((p) => p.protected).map((p) => p.path) // ['auth.changePassword', …]
 */
export function listProcedures(router: AnyRouter): readonly ProcedureInfo[] {
  let list = lists.get(router);
  if (!list) {
    // At run time `_def.procedures` is flat, keyed by path ("places.list").
    const procedures = router._def.procedures as Record<string, AnyProcedure>;
    list = Object.keys(procedures)
      .sort()
      .map((path) => procedureInfo(procedures[path]!, path));
    lists.set(router, list);
  }
  return list;
}

/**
 * What a procedure object is, e.g. one tRPC hands to `responseMeta`. The
 * path is known only when the procedure came from {@link listProcedures}.
 */
export function procedureInfo(procedure: AnyProcedure, path = ''): ProcedureInfo {
  const known = infos.get(procedure);
  if (known && (known.path === path || path === '')) return known;
  const def = procedure._def as unknown as ProcedureInternals;
  const meta = def.meta ?? {};
  const isProtected = (def.middlewares ?? []).includes(PROTECTED_MARKER);
  const seconds = meta.cacheSeconds ?? 0;
  const cacheable =
    def.type === 'query' && !isProtected && Number.isInteger(seconds) && seconds > 0;
  const info: ProcedureInfo = {
    path,
    type: def.type,
    meta,
    inputs: def.inputs,
    output: def.output,
    protected: isProtected,
    cacheSeconds: cacheable ? seconds : 0,
  };
  infos.set(procedure, info);
  return info;
}

/**
 * The public queries whose answers may be kept: the one list that the hot
 * path, `Cache-Control`, the web app's cookie-less link and its service
 * worker all follow.
 *
 * @example
 * publicQueryPaths(appRouter) // ['weather.airQuality', 'weather.alerts', …]
 */
export function publicQueryPaths(router: AnyRouter): string[] {
  return listProcedures(router)
    .filter((procedure) => procedure.cacheSeconds > 0)
    .map((procedure) => procedure.path);
}

// `protectedProcedure` is `publicProcedure.use(requireUser)`: every procedure
// built on it carries this middleware function in its chain.
const PROTECTED_MARKER = requireUser._middlewares[0];
