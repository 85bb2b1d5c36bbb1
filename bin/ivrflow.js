#!/usr/bin/env node
// The CLI as one bundle (npm run build writes it), compiled from a V8 code cache when there is one.
// CommonJS (bin/package.json), as the loader and the bundle are: an ES module entry would start
// Node's ESM loader, some 4 ms of every cold start.
'use strict';
const { existsSync } = require('node:fs');
const { join } = require('node:path');

const dist = join(__dirname, '..', 'dist');
const [loader, bundle] = [join(dist, 'bundle-loader.cjs'), join(dist, 'ivrflow.cjs')];
// A checkout that was never built: a usage problem to fix, not a stack trace.
if (!existsSync(loader) || !existsSync(bundle)) {
  process.stderr.write('ivrflow: the CLI is not built (no dist/ivrflow.cjs); run `npm install` or `npm run build` in its folder.\n');
  process.exit(2);
}
require(loader)
  .loadCliBundle(bundle)
  .run(process.argv.slice(2))
  .then((code) => {
    process.exitCode = code;
  });
