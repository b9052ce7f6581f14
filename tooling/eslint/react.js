import reactHooks from 'eslint-plugin-react-hooks';

import base from './base.js';

const serverPackages = ['@skycast/api', '@skycast/db', '@skycast/weather', '@skycast/weather-stub'];

/**
 * Lint rules for the browser app: server packages may be imported for their
 * types only, so no server code (or secret) can reach the bundle; hooks follow
 * the Rules of React.
 */
export default [
  ...base,
  reactHooks.configs.flat.recommended,
  {
    rules: {
      // A missing dependency is a stale-closure bug, not a style question.
      'react-hooks/exhaustive-deps': 'error',
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          paths: serverPackages.map((name) => ({
            name,
            allowTypeImports: true,
            message: `The web app may only \`import type\` from ${name}: its code runs on the server.`,
          })),
          patterns: serverPackages.map((name) => ({
            group: [`${name}/*`],
            allowTypeImports: true,
            message: `The web app may only \`import type\` from ${name}: its code runs on the server.`,
          })),
        },
      ],
    },
  },
];
