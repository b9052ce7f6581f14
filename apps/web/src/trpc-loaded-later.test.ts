import { QueryClient, skipToken } from '@tanstack/react-query';
import { createTRPCClient, unstable_localLink } from '@trpc/client';
import { initTRPC } from '@trpc/server';
import { createTRPCOptionsProxy } from '@trpc/tanstack-react-query';
import { describe, expect, it } from 'vitest';

import { trpcLoadedLater } from './trpc-loaded-later.ts';

// A real router called in-process (tRPC's local link): what loads later is tRPC's own proxy.
const t = initTRPC.create();
let saved: string[] = [];
const router = t.router({
  weather: t.router({
    forecast: t.procedure
      .input((value) => value as { latitude: number })
      .query(({ input }) => `forecast at ${input.latitude}`),
  }),
  places: t.router({
    list: t.procedure.query(() => saved),
    add: t.procedure
      .input((value) => String(value))
      .mutation(({ input }) => {
        saved = [...saved, input];
        return saved;
      }),
  }),
});

function proxies() {
  const queryClient = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  const real = createTRPCOptionsProxy<typeof router>({
    client: createTRPCClient<typeof router>({
      links: [unstable_localLink({ router, createContext: () => Promise.resolve({}) })],
    }),
    queryClient,
  });
  let loads = 0;
  const later = trpcLoadedLater<typeof router>(() => {
    loads += 1;
    return loads === 1
      ? Promise.reject(new TypeError('Failed to fetch dynamically imported module'))
      : Promise.resolve(real);
  });
  return { queryClient, real, later, loads: () => loads };
}

describe('tRPC options loaded later', () => {
  it("makes tRPC's own keys and filters without loading anything", () => {
    const { real, later, loads } = proxies();
    const input = { latitude: 52.52 };
    expect(later.weather.forecast.queryKey(input)).toEqual(real.weather.forecast.queryKey(input));
    expect(later.places.list.queryKey()).toEqual(real.places.list.queryKey());
    expect(later.weather.forecast.queryFilter(input, { exact: true })).toEqual(
      real.weather.forecast.queryFilter(input, { exact: true }),
    );
    expect(later.places.pathFilter({ stale: true })).toEqual(
      real.places.pathFilter({ stale: true }),
    );
    expect(later.places.add.mutationOptions().mutationKey).toEqual(
      real.places.add.mutationOptions().mutationKey,
    );
    const options = later.weather.forecast.queryOptions(input, { staleTime: 5 });
    const realOptions = real.weather.forecast.queryOptions(input, { staleTime: 5 });
    expect(options.queryKey).toEqual(realOptions.queryKey);
    expect(options.staleTime).toBe(5);
    expect(options.trpc).toEqual(realOptions.trpc);
    expect(later.weather.forecast.queryOptions(skipToken).queryFn).toBe(skipToken);
    expect(loads()).toBe(0);
  });

  it('calls through the real proxy once it has loaded, and asks again after a failed load', async () => {
    const { queryClient, later, loads } = proxies();
    const options = later.weather.forecast.queryOptions({ latitude: 1 });
    const failed = await queryClient.fetchQuery(options).catch((error: unknown) => error);
    expect((failed as Error).message).toContain('dynamically imported module');
    expect(await queryClient.fetchQuery(options)).toBe('forecast at 1');
    expect(await queryClient.fetchQuery(later.weather.forecast.queryOptions({ latitude: 2 }))).toBe(
      'forecast at 2',
    );
    expect(loads()).toBe(2);
  });

  it('runs mutations through the real proxy, with the caller’s onSuccess', async () => {
    saved = [];
    const { queryClient, later } = proxies();
    const succeeded: unknown[] = [];
    const options = later.places.add.mutationOptions({ onSuccess: (rows) => succeeded.push(rows) });
    const mutation = queryClient.getMutationCache().build(queryClient, options);
    await mutation.execute('Oslo').catch(() => undefined); // the first load fails
    expect(await mutation.execute('Oslo')).toEqual(['Oslo']);
    expect(succeeded).toEqual([['Oslo']]);
    expect(await queryClient.fetchQuery(later.places.list.queryOptions())).toEqual(['Oslo']);
  });

  it('says which utility it does not make', () => {
    const { later } = proxies();
    expect(() => later.places.list.infiniteQueryOptions(skipToken as never, {} as never)).toThrow(
      'trpc.places.list.infiniteQueryOptions() is not made by trpc-loaded-later.ts yet',
    );
  });
});
