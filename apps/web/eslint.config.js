import react from '@skycast/eslint-config/react';

export default [
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
];
