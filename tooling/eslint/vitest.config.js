import { createVitestConfig } from '@skycast/vitest-config';

export default createVitestConfig();
