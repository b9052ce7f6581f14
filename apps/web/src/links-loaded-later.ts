import { TRPCClientError, type OperationLink, type TRPCLink } from '@trpc/client';
import type { AnyRouter } from '@trpc/server';
import { observable, type Unsubscribable } from '@trpc/server/observable';

/**
 * A tRPC link standing for links whose code loads with the first call: the
 * first screen renders before any call is made, so that code need not be part
 * of the first load. A call waits for the code; should it fail to load (a
 * network blip), that call fails and the next one asks for it again.
 *
 * @example
 * createTRPCClient<AppRouter>({
 *   links: [linksLoadedWithFirstCall(() => import('./trpc-links.ts').then((m) => m.apiLinks))],
 * });
 */
export function linksLoadedWithFirstCall<TRouter extends AnyRouter>(
  load: () => Promise<TRPCLink<TRouter>>,
): TRPCLink<TRouter> {
  return (runtime) => {
    let loaded: Promise<OperationLink<TRouter>> | undefined;
    return ({ op, next }) =>
      observable((observer) => {
        let subscription: Unsubscribable | undefined;
        let stopped = false;
        const loading = (loaded ??= load().then((link) => link(runtime)));
        loading.then(
          (link) => {
            if (!stopped) subscription = link({ op, next }).subscribe(observer);
          },
          (cause: unknown) => {
            if (loaded === loading) loaded = undefined;
            observer.error(
              TRPCClientError.from(cause instanceof Error ? cause : new Error(String(cause))),
            );
          },
        );
        return () => {
          stopped = true;
          subscription?.unsubscribe();
        };
      });
  };
}
