import base from '@skycast/eslint-config/base';

// The compiled catalogues are written by `pnpm --filter @skycast/web i18n:compile`.
export default [{ ignores: ['src/error-catalogue/*.ts'] }, ...base];
