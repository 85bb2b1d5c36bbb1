import { readFileSync } from 'node:fs';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { TARGET_NAMES } from '../../src/flowspec/targets.js';
import { FLOW_NODE_KINDS } from '../../src/ir/nodes.js';
import { ROOT, readRepoFile } from '../helpers/fixtures.js';
import { AGREEMENT_FLOWS } from '../simulate/helpers.js';

/**
 * Adding a step kind touches every stage. `tsc` flags the exhaustive switches; this test flags the
 * rest, so a half-wired kind cannot land (docs/architecture.md, "Add a step type").
 */

/** Files that dispatch on the step kind; each must name every kind in a `case` (or an explicit `kind === '…'`). */
const DISPATCHERS = [
  'src/flowspec/transitions.ts', // graph edges and terminal steps
  'src/flowspec/ref-uses.ts', // what a step reads: the input of the taint analysis
  'src/flowspec/checks/types.ts',
  'src/ir/lower.ts',
  'src/simulate/reference/engine.ts',
  'src/simulate/scenario/load.ts',
  'src/targets/genesys/emit/compile.ts',
  'src/targets/cxone/emit/index.ts',
];

const kebab = (kind: string) => kind.replace(/[A-Z]/g, (letter) => `-${letter.toLowerCase()}`);

describe.each(FLOW_NODE_KINDS)('step kind %s', (kind) => {
  it.each(DISPATCHERS)('is handled by %s', (file) => {
    expect(readRepoFile(file)).toMatch(new RegExp(`case '${kind}':|kind === '${kind}'`));
  });

  it.each(TARGET_NAMES)('has its own emitter file in targets/%s/emit/nodes/', (target) => {
    expect(existsSync(join(ROOT, 'src/targets', target, 'emit/nodes', `${kebab(kind)}.ts`))).toBe(true);
  });

  it('is a step type in the spec schema and has a section in docs/spec.md', () => {
    const schema = readRepoFile('schemas/ivrflow.schema.json');
    expect(schema).toContain(`"const": "${kind}"`);
    expect(readRepoFile('docs/spec.md')).toMatch(new RegExp(`^### ${kind}$`, 'm'));
  });

  it('is used by a flow the three engines are compared on', () => {
    const used = AGREEMENT_FLOWS.flatMap((file) => {
      const spec = parse(readFileSync(join(ROOT, file), 'utf8')) as { steps: Record<string, { type: string }> };
      return Object.values(spec.steps).map((step) => step.type);
    });
    expect(used).toContain(kind);
  });
});
