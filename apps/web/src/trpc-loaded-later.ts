import { skipToken, type QueryFunctionContext, type QueryKey } from '@tanstack/react-query';
import type { AnyTRPCRouter } from '@trpc/server';
import type { TRPCOptionsProxy } from '@trpc/tanstack-react-query';

/**
 * tRPC's query key for a procedure's path: its parts, then the input and the
 * kind. The same array `@trpc/tanstack-react-query` makes (trpc-loaded-later.test.ts
 * compares them), so the cache is one whichever proxy wrote an entry.
 */
function queryKeyOf(path: string[], input: unknown, type: 'query' | 'any'): QueryKey {
  if (input === undefined && type === 'any') return path.length > 0 ? [path] : [];
  const hasInput = input !== undefined && input !== skipToken;
  return [path, { ...(hasInput && { input }), ...(type !== 'any' && { type }) }];
}

type Utility = (...args: unknown[]) => Record<string, unknown>;
type QueryFn = (context: QueryFunctionContext) => Promise<unknown>;
type MutationFn = (input: unknown, context: unknown) => Promise<unknown>;

/**
 * tRPC's query and mutation options for TanStack Query, made without tRPC's
 * code: keys and filters at once, and the calls themselves by the real options
 * proxy (`load`), whose code loads with the first call. tRPC's client is then
 * not part of the first load: the first screen renders from answers already
 * in the cache before any call is made.
 *
 * It makes what the app uses: `queryOptions`, `queryKey`, `queryFilter`,
 * `pathFilter` and `mutationOptions` (every byte here is in the first load). Mutation
 * options carry the caller's `onSuccess` as given (the app sets no mutation
 * defaults for tRPC's to merge). A failed load fails that call; the next asks again.
 *
 * @example
 * const trpc = trpcLoadedLater<AppRouter>(() => import('./trpc-links.ts').then((m) => m.optionsProxy(queryClient)));
 * useQuery(trpc.weather.forecast.queryOptions({ latitude, longitude }));
 */
export function trpcLoadedLater<TRouter extends AnyTRPCRouter>(
  load: () => Promise<TRPCOptionsProxy<TRouter>>,
): TRPCOptionsProxy<TRouter> {
  let loaded: Promise<unknown> | undefined;
  async function realUtility(path: string[], name: string): Promise<Utility> {
    const loading = (loaded ??= load());
    try {
      let node = (await loading) as Record<string, unknown>;
      for (const part of path) node = node[part] as Record<string, unknown>;
      return node[name] as Utility;
    } catch (error) {
      if (loaded === loading) loaded = undefined;
      throw error;
    }
  }

  function call(path: string[], name: string, [first, second]: unknown[]): unknown {
    const key = (input: unknown) => queryKeyOf(path, input, 'query');
    const trpc = { path: path.join('.') };
    switch (name) {
      case 'queryKey':
        return key(first);
      case 'queryFilter':
        return { ...(second as object), queryKey: key(first) };
      case 'pathFilter':
        return { ...(first as object), queryKey: queryKeyOf(path, undefined, 'any') };
      case 'queryOptions': {
        const queryFn = async (context: QueryFunctionContext) => {
          const options = (await realUtility(path, name))(first, second);
          return (options.queryFn as QueryFn)(context);
        };
        return {
          ...(second as object),
          queryKey: key(first),
          queryFn: first === skipToken ? skipToken : queryFn,
          trpc,
        };
      }
      case 'mutationOptions': {
        const mutationFn = async (input: unknown, context: unknown) => {
          const options = (await realUtility(path, name))(first);
          return (options.mutationFn as MutationFn)(input, context);
        };
        return { ...(first as object), mutationKey: [path], mutationFn, trpc };
      }
      default:
        throw new Error(`trpc.${trpc.path}.${name}() is not made by trpc-loaded-later.ts yet`);
    }
  }

  const node = (path: string[]): unknown =>
    new Proxy(() => undefined, {
      get: (_target, part) => (typeof part === 'string' ? node([...path, part]) : undefined),
      apply: (_target, _this, args: unknown[]) => {
        const parts = path.flatMap((part) => part.split('.'));
        return call(parts.slice(0, -1), parts.at(-1) ?? '', args);
      },
    });
  return node([]) as TRPCOptionsProxy<TRouter>;
}
