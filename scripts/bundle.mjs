// npm run build, last step: the CLI (dist/cli/main.js and everything it imports, dependencies
// included) as one CommonJS file, dist/ivrflow.cjs, which bin/ivrflow.js runs through a V8 code
// cache (src/cli/bundle-loader.ts). One file read and compiled from cache instead of ~150 modules
// resolved, read and compiled is what brings a cold `ivrflow validate` near a bare `node -e 0`.
// The first line names the version and the hash of the rest, which keys the cache.
import { build } from 'esbuild';
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const dist = join(root, 'dist');
const output = join(dist, 'ivrflow.cjs');
const { version } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));

/**
 * `import.meta.url` of each dist/ module as it would be unbundled (package-info.ts finds
 * package.json from it): the bundle sits in dist/, so each module's own path is rebuilt from the
 * bundle's directory and its path under dist/. A dependency that
 * reads it (fdir's `createRequire` for an optional peer) gets the bundle's own URL, from which
 * the package's node_modules resolve as before.
 */
const moduleUrls = {
  name: 'module-urls',
  setup(builder) {
    builder.onLoad({ filter: /\.m?js$/ }, (args) => {
      const source = readFileSync(args.path, 'utf8');
      if (!source.includes('import.meta.url')) return undefined;
      const inDist = !relative(dist, args.path).startsWith('..');
      const path = inDist
        ? `require('node:path').join(__dirname, ${JSON.stringify(relative(dist, args.path).split('\\').join('/'))})`
        : '__filename';
      return { contents: source.replaceAll('import.meta.url', `require('node:url').pathToFileURL(${path}).href`), loader: 'js' };
    });
  },
};

const result = await build({
  entryPoints: [join(dist, 'cli/main.js')],
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  // `import()` of a bundled module becomes a lazy initialiser, so what a command never reaches
  // (the emitters, the engines) still never runs; a script compiled by `vm.Script`
  // cannot `import()` at all.
  supported: { 'dynamic-import': false },
  minifyWhitespace: true,
  minifySyntax: true,
  legalComments: 'none',
  write: false,
  logLevel: 'warning',
  plugins: [moduleUrls],
});
const body = result.outputFiles[0].text;
const hash = createHash('sha256').update(body).digest('hex');
writeFileSync(output, `// ivrflow ${version} bundle ${hash}\n${body}`);
console.log(`bundled ${relative(root, output)} (${(body.length / 1024).toFixed(0)} KB)`);

// The loader bin/ivrflow.js requires, CommonJS like the bundle (bin/ivrflow.js says why). It
// imports Node's own modules only.
await build({
  entryPoints: [join(dist, 'cli/bundle-loader.js')],
  outfile: join(dist, 'bundle-loader.cjs'),
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  legalComments: 'none',
  logLevel: 'warning',
});
