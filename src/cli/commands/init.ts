import { promises as fs } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { PACKAGE_ROOT, docUrl, rawPackageFileUrl } from '../../util/package-info.js';
import { endpointPath } from '../../contract/roles.js';
import { checkSpec } from '../../pipeline.js';
import { secretEnvironmentName } from '../../simulate/run/live.js';
import { CliError, EXIT_OK, type CliIo } from '../io.js';
import { makeDirectories } from '../write-output.js';

/** Where the starter writes, relative to the folder given to `ivrflow init`. */
const FLOWS_DIR = 'flows';
const OUT_DIR = 'generated';
const STARTER_FLOW = `${FLOWS_DIR}/identity-promotion.yaml`;
const MOCK_FIXTURES = `${FLOWS_DIR}/identity-promotion.mock.yaml`;
/** Where the "Next" steps start the mock; any free port does. */
const MOCK_PORT = 8080;

interface StarterFile {
  /** Relative to the folder being initialised. */
  path: string;
  /** Relative to the package root. */
  from: string;
  /** The JSON Schema its modeline names, relative to the package root. */
  schema?: string;
}

/**
 * The starter flow is the example this package is tested with (flows/ ships in the package), so the
 * first thing a team runs is a flow that validates, generates and passes its scenarios.
 */
const STARTER_FILES: readonly StarterFile[] = [
  { path: STARTER_FLOW, from: 'flows/identity-promotion.yaml', schema: 'schemas/ivrflow.schema.json' },
  {
    path: `${FLOWS_DIR}/identity-promotion.test.yaml`,
    from: 'flows/identity-promotion.test.yaml',
    schema: 'schemas/ivrflow-test.schema.json',
  },
  // The development customers and codes of `ivrflow mock`, matching the starter scenarios (not an ivrflow document: `validate flows` passes over it).
  { path: MOCK_FIXTURES, from: 'examples/contract/identity-promotion.mock.yaml' },
  { path: 'ivrflow.config.yaml', from: 'templates/init/ivrflow.config.yaml' },
  { path: 'ivrflow.env.example.yaml', from: 'templates/init/ivrflow.env.example.yaml' },
  { path: '.github/workflows/ivrflow.yml', from: 'templates/init/github-workflow.yml' },
];

const MODELINE = /^# yaml-language-server: \$schema=\S+$/m;

/** `ivrflow init [dir]`: write the starter files that are not there yet; an existing file is never touched. */
export async function initCommand(dir: string, io: CliIo): Promise<number> {
  const root = resolve(io.cwd, dir);
  const written: string[] = [];
  const kept: string[] = [];
  for (const file of STARTER_FILES) {
    const target = join(root, file.path);
    const created = await writeNew(target, await starterText(file, dirname(target)));
    (created ? written : kept).push(join(dir, file.path));
  }
  for (const path of written) io.stderr(`wrote ${path}\n`);
  for (const path of kept) io.stderr(`kept  ${path} (it exists; not overwritten)\n`);
  io.stderr(nextSteps(dir, await mockSteps()));
  return EXIT_OK;
}

async function starterText(file: StarterFile, targetDir: string): Promise<string> {
  const text = await fs.readFile(join(PACKAGE_ROOT, file.from), 'utf8');
  const withDocs = text
    .replaceAll('@DOCS@/', docUrl(''))
    .replaceAll('@FLOWS@', FLOWS_DIR)
    .replaceAll('@OUT@', OUT_DIR)
    // The example's comments name pages of docs/, which are in the package, not in the user's repository.
    .replace(/(?<![\w/.])docs\/([\w./-]+\.md)/g, (_, page: string) => docUrl(page));
  return file.schema ? withDocs.replace(MODELINE, `# yaml-language-server: $schema=${schemaReference(file.schema, targetDir)}`) : withDocs;
}

/**
 * The modeline's schema: the copy in the installed package, relative to the file, when the package is
 * installed in a node_modules folder of the repository being initialised (editors resolve a relative
 * path from the file, offline, at the installed version); otherwise (npx from a cache, a global
 * install) the schema of this version on GitHub.
 */
export function schemaReference(schema: string, targetDir: string): string {
  const installedIn = nodeModulesOwner(PACKAGE_ROOT);
  const inside = installedIn !== undefined && !relative(installedIn, targetDir).startsWith('..');
  if (!inside) return rawPackageFileUrl(schema);
  return relative(targetDir, join(PACKAGE_ROOT, schema)).split(sep).join('/');
}

/** The folder whose node_modules holds the package, if it is installed in one. */
function nodeModulesOwner(packageRoot: string): string | undefined {
  const parts = packageRoot.split(sep);
  const index = parts.lastIndexOf('node_modules');
  return index > 0 ? parts.slice(0, index).join(sep) || sep : undefined;
}

/** Write a file that does not exist yet (`wx`: never over an existing one, even one created meanwhile). */
async function writeNew(path: string, text: string): Promise<boolean> {
  try {
    makeDirectories(dirname(path));
  } catch (error) {
    throw new CliError(`Cannot create the folder of ${path} (${(error as NodeJS.ErrnoException).code ?? String(error)}).`);
  }
  try {
    await fs.writeFile(path, text, { encoding: 'utf8', flag: 'wx' });
    return true;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EEXIST') return false;
    throw new CliError(`Cannot write ${path} (${code === 'ENOTDIR' ? 'a folder above it is a file' : (code ?? String(error))}).`);
  }
}

function nextSteps(dir: string, mock: readonly string[]): string {
  const at = dir === '.' ? '' : `cd ${dir}\n  `;
  return [
    '',
    'Next:',
    `  ${at}npx ivrflow validate ${FLOWS_DIR}`,
    `  npx ivrflow generate ${FLOWS_DIR} --out ${OUT_DIR} --env ivrflow.env.example.yaml    # commit ${OUT_DIR}/: CI checks it matches`,
    `  npx ivrflow test ${FLOWS_DIR}`,
    '',
    `A development backend: the mock middleware, then the scenarios against it (${docUrl('contract.md')}):`,
    ...mock.map((line) => `  ${line}`),
    '',
  ].join('\n');
}

/**
 * `ivrflow mock` with the fixtures, and `test --endpoint` against it, for the starter flow's
 * endpoints: their names, paths and token variables read from the flow itself.
 */
async function mockSteps(): Promise<string[]> {
  const from = STARTER_FILES.find((file) => file.path === STARTER_FLOW)!.from;
  const { graph } = checkSpec(from, await fs.readFile(join(PACKAGE_ROOT, from)));
  const endpoints = graph?.endpoints ?? [];
  const base = `http://127.0.0.1:${MOCK_PORT}`;
  const tokens = [...new Set(endpoints.flatMap((endpoint) => (endpoint.bearerSecret === undefined ? [] : [endpoint.bearerSecret])))];
  return [
    ...tokens.map((secret) => `export ${secretEnvironmentName(secret)}=dev-token    # any value: the mock checks that the flow sends it`),
    `npx ivrflow mock ${STARTER_FLOW} --fixtures ${MOCK_FIXTURES} --port ${MOCK_PORT} &`,
    `npx ivrflow test ${STARTER_FLOW} ${endpoints.map((endpoint) => `--endpoint ${endpoint.id}=${base}${endpointPath(endpoint)}`).join(' ')}`,
  ];
}
