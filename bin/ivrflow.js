#!/usr/bin/env node
// The CLI as one bundle (npm run build writes it), compiled from a V8 code cache when there is one.
// CommonJS (bin/package.json), as the loader and the bundle are: an ES module entry would start
// Node's ESM loader, some 4 ms of every cold start.
'use strict';
const { join } = require('node:path');
const { loadCliBundle } = require('../dist/bundle-loader.cjs');

loadCliBundle(join(__dirname, '..', 'dist', 'ivrflow.cjs'))
  .run(process.argv.slice(2))
  .then((code) => {
    process.exitCode = code;
  });
