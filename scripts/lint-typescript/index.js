/**
 * Loaded first by eslint.config.mjs: in the linter's process, `typescript` (and its
 * subpaths) resolve to the TypeScript 6.0 installed beside this file. typescript-eslint
 * reads TypeScript's JavaScript API, which TypeScript 7, our compiler, does not ship; the
 * package nests its own copy so that the project's `tsc` stays TypeScript 7.
 */
const Module = require('node:module');
const { dirname } = require('node:path');

const root = dirname(require.resolve('typescript/package.json', { paths: [__dirname] }));
const resolve = Module._resolveFilename;
Module._resolveFilename = function (request, ...rest) {
  if (request === 'typescript' || request.startsWith('typescript/')) request = root + request.slice('typescript'.length);
  return resolve.call(this, request, ...rest);
};
