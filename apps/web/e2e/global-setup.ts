import { startTestWorld } from './test-world.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    /** The API server serving the production build: `http://127.0.0.1:PORT`. */
    appUrl: string;
    /** The local weather provider; its control API is at `/__stub/`. */
    stubUrl: string;
    /** The database the API server uses, for tests that age stored forecasts. */
    databaseUrl: string;
    /** Where the mails the API server sent land, one `.eml` file each. */
    mailDir: string;
  }
}

/** One world for the whole run of browser tests (see test-world.ts). */
export default async function setup({
  provide,
}: {
  provide: <K extends 'appUrl' | 'stubUrl' | 'databaseUrl' | 'mailDir'>(
    key: K,
    value: string,
  ) => void;
}): Promise<() => Promise<void>> {
  const world = await startTestWorld();
  provide('appUrl', world.appUrl);
  provide('stubUrl', world.stubUrl);
  provide('databaseUrl', world.databaseUrl);
  provide('mailDir', world.mailDir);
  return () => world.stop();
}
