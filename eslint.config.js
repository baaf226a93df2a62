import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const browser = Object.fromEntries(
  ['window', 'document', 'navigator', 'localStorage', 'sessionStorage', 'fetch', 'location', 'history', 'console', 'URL', 'URLSearchParams',
    'setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'requestAnimationFrame', 'performance', 'Headers', 'Response', 'Request',
    'FormData', 'Blob', 'File', 'AbortController', 'HTMLElement', 'HTMLInputElement', 'Event', 'KeyboardEvent', 'MouseEvent', 'crypto', 'atob', 'btoa']
    .map((g) => [g, 'readonly']),
);

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'data/**', 'web/dist/**', 'bench/results/**', 'test-output/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { process: 'readonly', console: 'readonly', URL: 'readonly', setTimeout: 'readonly', clearTimeout: 'readonly', Buffer: 'readonly', performance: 'readonly', setImmediate: 'readonly' } },
    rules: {
      '@typescript-eslint/no-explicit-any': 'off',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    // the web app runs in the browser (Node globals only in its build config)
    files: ['web/**/*.ts', 'web/**/*.tsx'],
    ignores: ['web/vite.config.ts'],
    languageOptions: { globals: browser, parserOptions: { ecmaFeatures: { jsx: true } } },
  },
);
