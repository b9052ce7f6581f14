import react from '@skycast/eslint-config/react';

export default [
  { ignores: ['e2e-results/**'] },
  ...react,
  {
    // Node's globals exist in the type environment (for the config files, tests and
    // scripts) but not in the browser.
    files: ['src/**/*.{ts,tsx}'],
    ignores: ['src/**/*.test.ts'],
    rules: {
      'no-restricted-globals': [
        'error',
        {
          name: 'process',
          message: 'Browser code has no `process`: use `import.meta.env.VITE_*`.',
        },
        { name: 'Buffer', message: 'Browser code has no `Buffer`.' },
      ],
    },
  },
  {
    // The browser tests run in Node and start the server side (database, weather
    // stub) themselves; none of it reaches the bundle.
    files: ['e2e/**/*.ts'],
    rules: { '@typescript-eslint/no-restricted-imports': 'off' },
  },
];
