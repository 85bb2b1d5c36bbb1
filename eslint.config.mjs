// Lint is part of `npm test`. The type-checked rules catch what review misses: a switch that
// swallows a new step kind or vendor (`switch-exhaustiveness-check`), a promise nobody awaits.
import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/', 'coverage/', 'node_modules/', 'src/*/generated/', 'generated/', '.tmp/'] },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: { globals: globals.node, parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      // Sanitisers exist to match control characters.
      'no-control-regex': 'off',
      // Rules destructure `report` from their context; it never reads `this`.
      '@typescript-eslint/unbound-method': 'off',
      // YAML scalars and scenario values are `unknown`; String() of them is the display we want.
      '@typescript-eslint/no-base-to-string': 'off',
      '@typescript-eslint/switch-exhaustiveness-check': [
        'error',
        { considerDefaultExhaustiveForUnions: false, requireDefaultForNonUnion: false },
      ],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  { files: ['**/*.mjs', '**/*.js'], ...tseslint.configs.disableTypeChecked },
  {
    // `promises` of node:fs loads on first use; an import of node:fs/promises loads it, and readline
    // with it, when the bundle starts: some 2-3 ms of every cold `ivrflow validate`.
    files: ['src/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        ...['node:fs/promises', 'fs/promises'].map((name) => ({
          name,
          message: "Import `promises as fs` from 'node:fs': it loads when first used, not at start-up.",
        })),
      ],
    },
  },
  {
    // bin/ is CommonJS (bin/package.json; bin/ivrflow.js says why).
    files: ['bin/**/*.js'],
    languageOptions: { sourceType: 'commonjs' },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    // Tests read JSON the CLI printed; asserting on it is the point, typing it first is noise.
    files: ['test/**/*.ts'],
    rules: {
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
      // it.each tables need their casts; the rule's autofix removes them and breaks the types.
      '@typescript-eslint/no-unnecessary-type-assertion': 'off',
    },
  },
);
