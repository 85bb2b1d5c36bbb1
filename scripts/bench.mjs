// npm run bench: compile throughput on 1,000 variants of the example flow in one process, the
// simulation rate of `ivrflow test` (10,000 random calls of the example flow on the spec engine,
// npm run bench: compile throughput on 1,000 variants of the example flow in one process, the
// simulation rate of `ivrflow test` (10,000 random calls of the example flow on the spec engine,
// then on all three engines), the cold start of `ivrflow validate` beside a bare `node -e 0`, how
// the stages grow with hostile sizes (30,000 unknown keys, 10,000 invalid items, 900 route cases) as
// the ratio of a large input's time to a tenth of it (about 10 is linear), and the growth from 1,000
// to 5,000 steps and errors (linear stages stay near 5x). Prints numbers; asserts nothing.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { checkSpec, compileSpec } from '../dist/pipeline.js';
import { renderStylish } from '../dist/diagnostics/render/stylish.js';
import { plainStyle } from '../dist/diagnostics/render/style.js';
import { chainFlow, specWithErrors } from './large-flows.mjs';
import { createEngine } from '../dist/simulate/engines.js';
import { randomCalls } from '../dist/simulate/random-calls.js';
import { judgeContext, runScenario } from '../dist/simulate/run/run-scenarios.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const example = readFileSync(join(root, 'flows/identity-promotion.yaml'), 'utf8');
const VARIANTS = 1000;
const COLD_RUNS = 15;

function variant(index) {
  return example
    .replace('name: Identity Promotion', `name: Identity Promotion ${index}`)
    .replace('maxAttempts: 3', `maxAttempts: ${1 + (index % 3)}`)
    .replace('timeoutSeconds: 15', `timeoutSeconds: ${15 + (index % 30)}`)
    .replace('priority: 50', `priority: ${50 + (index % 100)}`)
    .replace('Welcome to Example Bank.', `Welcome to Example Bank, branch ${index}.`);
}

function checkThroughput(specs) {
  const started = performance.now();
  for (const [index, bytes] of specs.entries()) {
    if (!checkSpec(`variant-${index}.yaml`, bytes).graph) throw new Error(`variant ${index} has errors`);
  }
  const seconds = (performance.now() - started) / 1000;
  return { seconds, perSecond: specs.length / seconds };
}

async function throughput() {
  const specs = Array.from({ length: VARIANTS }, (_, index) => Buffer.from(variant(index)));
  await compileSpec('warmup.yaml', specs[0]); // load the lazily imported emitters once
  const started = performance.now();
  let artifacts = 0;
  for (const [index, bytes] of specs.entries()) {
    const result = await compileSpec(`variant-${index}.yaml`, bytes);
    if (!result.artifacts) throw new Error(`variant ${index} did not compile: ${result.diagnostics[0]?.message}`);
    artifacts += result.artifacts.length;
  }
  const seconds = (performance.now() - started) / 1000;
  return { seconds, perSecond: VARIANTS / seconds, artifacts };
}

/** Every random call run and judged (compared with the reference engine) as `ivrflow test` does. */
async function simulation(engineNames, calls) {
  const compiled = await compileSpec('identity-promotion.yaml', Buffer.from(example));
  const flow = { graph: compiled.graph, artifacts: compiled.artifacts };
  const engines = [];
  for (const name of engineNames) engines.push(await createEngine(name, flow));
  const scenarios = randomCalls(flow.graph, calls, 2026);
  const context = judgeContext(flow);
  const started = performance.now();
  let failed = 0;
  for (const scenario of scenarios) if (runScenario(engines, scenario, context).failures.length > 0) failed += 1;
  const seconds = (performance.now() - started) / 1000;
  return { seconds, perSecond: calls / seconds, failed };
}

function medianMs(command, args) {
  const times = [];
  for (let run = 0; run < COLD_RUNS; run++) {
    const started = process.hrtime.bigint();
    try {
      execFileSync(command, args, { cwd: root, stdio: 'ignore' });
    } catch {
      // validate may exit non-zero in a broken tree; the timing still counts
    }
    times.push(Number(process.hrtime.bigint() - started) / 1e6);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)];
}

const checked = checkThroughput(Array.from({ length: VARIANTS }, (_, index) => Buffer.from(variant(index))));
console.log(`check (validate: parse, schema, semantic checks, policy rules, lowering): ${checked.perSecond.toFixed(0)} flows/s`);
const compiled = await throughput();
console.log(
  `compile (check + Genesys and CXone emitters): ${VARIANTS} flows in ${compiled.seconds.toFixed(2)} s = ${compiled.perSecond.toFixed(0)} flows/s (${compiled.artifacts} artifacts; aim >= 500 flows/s)`,
);
const SIMULATED_CALLS = 10_000;
for (const engines of [['spec'], ['spec', 'genesys', 'cxone']]) {
  const simulated = await simulation(engines, SIMULATED_CALLS);
  const aim = engines.length === 1 ? '; aim < 2 s' : '';
  console.log(
    `simulate (${engines.join(', ')}): ${SIMULATED_CALLS} random calls of identity-promotion in ${simulated.seconds.toFixed(2)} s = ${simulated.perSecond.toFixed(0)} calls/s (${simulated.failed} disagreements${aim})`,
  );
}
const bare = medianMs(process.execPath, ['-e', '0']);
const cold = medianMs(process.execPath, [join(root, 'bin/ivrflow.js'), 'validate', 'flows/identity-promotion.yaml']);
console.log(
  `cold start (median of ${COLD_RUNS}): node -e 0 ${bare.toFixed(0)} ms, ivrflow validate ${cold.toFixed(0)} ms = ${(cold / bare).toFixed(2)}x (aim <= 3x)`,
);

/** The example with `count` unknown keys in its first step: schema errors, located and rendered. */
function unknownKeys(count) {
  const keys = Array.from({ length: count }, (_, index) => `    zz${index}: 1`).join('\n');
  return example.replace('  greeting:\n', `  greeting:\n${keys}\n`);
}

/** A condition step whose `any` lists `count` comparisons without an operator: each one an error. */
function invalidItems(count) {
  const items = Array.from({ length: count }, () => '{ ref: call.ani }').join(', ');
  return example.replace(
    '    next: authenticate\n\n  authenticate:',
    `    next: check\n\n  check:\n    type: condition\n    if: { any: [ ${items} ] }\n    then: authenticate\n    else: authenticate\n\n  authenticate:`,
  );
}

/** A route step with `count` cases: compiled to both vendors. */
function routeCases(count) {
  const cases = Array.from({ length: count }, (_, index) => `      tier${index}: { queue: platinum, priority: 50 }`).join('\n');
  return example.replace(
    '      platinum: { queue: platinum, priority: 50 }\n',
    `      platinum: { queue: platinum, priority: 50 }\n${cases}\n`,
  );
}

/** Check (and render the report of) one spec; the milliseconds it took. */
function timeCheck(text) {
  const started = performance.now();
  const checked = checkSpec('scale.yaml', Buffer.from(text));
  renderStylish(checked.diagnostics, new Map([['scale.yaml', checked.source.text]]), plainStyle);
  return { ms: performance.now() - started, outcome: `${checked.diagnostics.length} diagnostics` };
}

async function timeCompile(text) {
  const started = performance.now();
  try {
    const compiled = await compileSpec('scale.yaml', Buffer.from(text));
    const bytes = (compiled.artifacts ?? []).reduce((sum, artifact) => sum + artifact.contents.length, 0);
    return {
      ms: performance.now() - started,
      outcome: `${compiled.diagnostics.length} diagnostics, ${(bytes / 1e6).toFixed(1)} MB of artifacts`,
    };
  } catch (error) {
    return { ms: performance.now() - started, outcome: `FAILED: ${error instanceof Error ? error.message : String(error)}` };
  }
}

for (const [name, build, large, measure] of [
  ['unknown keys (check + report)', unknownKeys, 30_000, timeCheck],
  ['invalid condition items (check + report)', invalidItems, 10_000, timeCheck],
  ['route cases (check + both emitters)', routeCases, 900, timeCompile],
]) {
  await measure(build(large / 10)); // warm-up: the first run pays for compiling the code
  const small = await measure(build(large / 10));
  const big = await measure(build(large));
  console.log(
    `scale, ${name}: ${large / 10} in ${small.ms.toFixed(0)} ms (${small.outcome}), ${large} in ${big.ms.toFixed(0)} ms (${big.outcome}) = ${(big.ms / small.ms).toFixed(1)}x for 10x (about 10 is linear)`,
  );
}
const { benchMock, describeMockBench } = await import('./bench-mock.mjs');
console.log(describeMockBench(await benchMock(root)));
/** Seconds to run `work` once, after one warm-up run on a small input. */
async function seconds(work) {
  const started = performance.now();
  await work();
  return (performance.now() - started) / 1000;
}

async function growth(label, make, run) {
  await run(make(50));
  const small = await seconds(() => run(make(1000)));
  const large = await seconds(() => run(make(5000)));
  console.log(
    `${label}: 1,000 in ${small.toFixed(2)} s, 5,000 in ${large.toFixed(2)} s = ${(large / small).toFixed(1)}x for 5x the size (linear: ~5x)`,
  );
}

const flowBytes = (steps) => Buffer.from(chainFlow(steps));
await growth('check a long flow (steps)', flowBytes, (bytes) => {
  if (!checkSpec('chain.yaml', bytes).graph) throw new Error('the chain flow has errors');
});
for (const target of ['genesys', 'cxone'])
  await growth(`compile a long flow for ${target} (steps)`, flowBytes, async (bytes) => {
    const result = await compileSpec('chain.yaml', bytes, { targets: [target] });
    if (!result.artifacts) throw new Error(`the chain flow did not compile for ${target}: ${result.diagnostics[0]?.message}`);
  });
await growth(
  'check a spec with errors (errors)',
  (errors) => Buffer.from(specWithErrors(errors)),
  (bytes) => {
    if (checkSpec('errors.yaml', bytes).diagnostics.length === 0) throw new Error('the errors spec has no diagnostics');
  },
);
