import { defineConfig } from '@lingui/conf';
import { formatter } from '@lingui/format-json';

// Catalogues are hand-kept JSON (key → ICU message); `pnpm i18n:compile` turns
// them into the modules the app loads, so no ICU parser reaches the browser.
// The second catalogue is what errors say (by reason, for the API and the app
// alike): it lives in @skycast/validators beside the reasons.
export default defineConfig({
  locales: ['en', 'de', 'es', 'fr', 'ar'],
  sourceLocale: 'en',
  catalogs: [
    { path: '<rootDir>/src/i18n/locales/{locale}', include: ['<rootDir>/src'] },
    {
      path: '<rootDir>/../../packages/validators/src/error-catalogue/{locale}',
      include: ['<rootDir>/../../packages/validators/src'],
    },
  ],
  format: formatter({ style: 'minimal' }),
  compileNamespace: 'ts',
});
