import { startTestCluster } from './testing.ts';

/** Vitest global setup: one embedded PostgreSQL for the whole test run. */
export default async function setup({
  provide,
}: {
  provide: (key: 'databaseAdminUrl', value: string) => void;
}): Promise<() => Promise<void>> {
  const cluster = await startTestCluster();
  provide('databaseAdminUrl', cluster.adminUrl);
  return () => cluster.stop();
}
