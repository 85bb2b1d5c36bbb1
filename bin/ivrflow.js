#!/usr/bin/env node
// The CLI as one bundle (npm run build writes it), compiled from a V8 code cache when there is one.
import { fileURLToPath } from 'node:url';
import { loadCliBundle } from '../dist/cli/bundle-loader.js';

const { run } = loadCliBundle(fileURLToPath(new URL('../dist/ivrflow.cjs', import.meta.url)));
process.exitCode = await run(process.argv.slice(2));
