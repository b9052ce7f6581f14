import { createTRPCClient, TRPCClientError, unstable_localLink } from '@trpc/client';
import { initTRPC } from '@trpc/server';
import { describe, expect, it } from 'vitest';

import { linksLoadedWithFirstCall } from './links-loaded-later.ts';

// A real router called in-process (tRPC's local link): the links' code is what loads later.
const t = initTRPC.create();
const router = t.router({
  echo: t.procedure.input((value) => String(value)).query(({ input }) => `echo ${input}`),
});
const localLink = unstable_localLink({ router, createContext: () => Promise.resolve({}) });

describe('links loaded with the first call', () => {
  it('loads them once, with the first call, and sends every call through them', async () => {
    let loads = 0;
    const client = createTRPCClient<typeof router>({
      links: [
        linksLoadedWithFirstCall(() => {
          loads += 1;
          return Promise.resolve(localLink);
        }),
      ],
    });
    expect(loads).toBe(0);
    const answers = await Promise.all([client.echo.query('a'), client.echo.query('b')]);
    expect(answers).toEqual(['echo a', 'echo b']);
    expect(await client.echo.query('c')).toBe('echo c');
    expect(loads).toBe(1);
  });

  it('fails the call when they cannot be loaded, and asks for them again on the next', async () => {
    let loads = 0;
    const client = createTRPCClient<typeof router>({
      links: [
        linksLoadedWithFirstCall(() => {
          loads += 1;
          return loads === 1
            ? Promise.reject(new TypeError('Failed to fetch dynamically imported module'))
            : Promise.resolve(localLink);
        }),
      ],
    });
    const failed = await client.echo.query('a').catch((error: unknown) => error);
    expect(failed).toBeInstanceOf(TRPCClientError);
    expect((failed as Error).message).toContain('dynamically imported module');
    expect(await client.echo.query('b')).toBe('echo b');
    expect(loads).toBe(2);
  });
});
