import { fileURLToPath } from 'node:url';

import { createVitestConfig } from '@skycast/vitest-config';

export default createVitestConfig({
  databaseSetup: fileURLToPath(import.meta.resolve('@skycast/db/vitest-global-setup')),
});
