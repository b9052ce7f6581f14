import base from './base.js';

const serverPackages = ['@skycast/api', '@skycast/db', '@skycast/weather', '@skycast/weather-stub'];

/**
 * Lint rules for the browser app: server packages may be imported for their
 * types only, so no server code (or secret) can reach the bundle.
 */
export default [
  ...base,
  {
    rules: {
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
