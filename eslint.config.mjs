// `npm run lint` (part of `npm test`): ESLint on every TypeScript file, with type information.
// Must stay first: typescript-eslint needs TypeScript's JavaScript API, which TypeScript 7 lacks.
import 'lint-typescript';
import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import tseslint from 'typescript-eslint';

const electron = (message) => ({ name: 'electron', allowTypeImports: true, message });
const ELECTRON_GLUE =
  'Only the Electron glue imports Electron at run time: src-main/index.ts (the app) and src-preload/electron.ts (the preload). Type imports are fine.';
const WS = { name: 'ws', message: 'Only the browser host (src-main/host/server.ts) speaks WebSocket.' };
const IPC_NAMES = ['ipcMain', 'ipcRenderer', 'contextBridge'];

export default tseslint.config(
  { ignores: ['out/**', 'release/**', 'native/**', 'test-results/**', 'playwright-report/**', '**/*.js', '**/*.mjs', '**/*.cjs'] },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    rules: {
      // A leading underscore marks a value left out on purpose (`const { id: _id, ...rest } = row`).
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrorsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_', ignoreRestSiblings: true },
      ],
      // `async` without `await` is how a function that implements a Promise-returning interface
      // (a handler, a desk, a provider) turns a throw into a rejection; that is deliberate here.
      '@typescript-eslint/require-await': 'off',
      // React ignores what an event handler returns; the renderer's async handlers catch their own
      // errors and show them. Promises passed anywhere else are still checked.
      '@typescript-eslint/no-misused-promises': ['error', { checksVoidReturn: { attributes: false } }],
    },
  },
  {
    // Frozen migrations take Kysely<any>: they must not depend on today's table types (STYLE.md).
    files: ['src-main/db/migrations/**', 'src-main/db/migrate.ts'],
    rules: { '@typescript-eslint/no-explicit-any': 'off' },
  },
  {
    files: ['test/**'],
    rules: {
      // expect(spy).toHaveBeenCalled…() hands a method to vitest without calling it.
      '@typescript-eslint/unbound-method': 'off',
      // Asymmetric matchers (expect.any(Number), expect.stringContaining(…)) are typed `any` by
      // design, to sit anywhere in an expected value. Reading members of `any` is still refused.
      '@typescript-eslint/no-unsafe-assignment': 'off',
    },
  },
  {
    // The two rules that hold for any React code. The plugin's other recommended rules judge
    // code by what React Compiler can memoize, and the renderer is not built with it.
    files: ['src-renderer/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    rules: { 'react-hooks/rules-of-hooks': 'error', 'react-hooks/exhaustive-deps': 'error' },
  },
  // The boundary (STYLE.md): only the glue files touch Electron, only the bridges touch IPC or the socket.
  {
    files: ['src-main/**', 'src-preload/**', 'src-renderer/**', 'bench/**', 'test/**'],
    ignores: ['src-main/index.ts', 'src-preload/electron.ts', 'src-main/host/server.ts', 'test/host/**'],
    rules: { '@typescript-eslint/no-restricted-imports': ['error', { paths: [electron(ELECTRON_GLUE), WS] }] },
  },
  {
    files: ['src-main/host/server.ts', 'test/host/**'],
    rules: { '@typescript-eslint/no-restricted-imports': ['error', { paths: [electron(ELECTRON_GLUE)] }] },
  },
  {
    // The app hands ipcMain to the binding (src-main/ipc/electron-binding.ts) and uses no IPC itself.
    files: ['src-main/index.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          paths: [
            { name: 'electron', importNames: IPC_NAMES.filter((n) => n !== 'ipcMain'), message: 'IPC belongs to the preload and the binding.' },
            WS,
          ],
        },
      ],
    },
  },
  {
    files: ['src-preload/electron.ts'],
    rules: { '@typescript-eslint/no-restricted-imports': ['error', { paths: [WS] }] },
  },
  {
    // Screens read and change data through the query layer (src-renderer/queries*.ts), so loading,
    // errors, an ended session and what to refresh are handled once, with the keys from keys.ts.
    files: ['src-renderer/screens/**', 'src-renderer/components/**'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          paths: [electron(ELECTRON_GLUE), WS],
          patterns: [{ group: ['**/api'], importNames: ['call'], message: 'Use a hook from queries*.ts or useChannelMutation.' }],
        },
      ],
    },
  },
  {
    files: ['src-renderer/**'],
    ignores: ['src-renderer/keys.ts'],
    rules: {
      'no-restricted-syntax': [
        'error',
        { selector: "Property[key.name='queryKey'] > ArrayExpression", message: 'Query keys live in src-renderer/keys.ts.' },
        { selector: "Property[key.name='invalidate'] ArrayExpression > ArrayExpression", message: 'Query keys live in src-renderer/keys.ts.' },
      ],
    },
  },
  {
    files: ['src-renderer/**', 'src-preload/**'],
    ignores: ['src-preload/web.ts'],
    rules: { 'no-restricted-globals': ['error', { name: 'WebSocket', message: 'Only the browser bridge (src-preload/web.ts) opens the socket.' }] },
  },
);
