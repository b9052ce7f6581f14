import { createVitestConfig } from '@skycast/vitest-config';

export default createVitestConfig({ databaseSetup: './src/vitest-global-setup.ts' });
