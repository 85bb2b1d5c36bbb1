import { describe, expect, it } from 'vitest';
import { INPUT_LIMITS } from '../../src/flowspec/limits.js';
import { firstTooDeep } from '../../src/flowspec/nesting.js';
import { loadScenarioFile } from '../../src/simulate/scenario/load.js';
import { checkSpec } from '../../src/pipeline.js';
import { exampleEnvironment } from '../helpers/fixtures.js';
import { check, codes, positionOf, readRepoFile } from '../helpers/fixtures.js';

const example = readRepoFile('flows/identity-promotion.yaml');

/** The example with `extra` lines added under the greeting step. */
function withUnderGreeting(extra: string): string {
  return example.replace('  greeting:\n', `  greeting:\n${extra}\n`);
}

function limitErrors(text: string) {
  return check(text).filter((diagnostic) => diagnostic.code === 'input/limit');
}

describe('input limits', () => {
  it('accepts the example flows, far below every limit', () => {
    for (const flow of ['identity-promotion', 'international-otp', 'pin-with-summary'])
      expect(limitErrors(readRepoFile(`flows/${flow}.yaml`))).toEqual([]);
  });

  it('refuses a mapping with more keys than the limit at its first key past it, once', () => {
    const keys = Array.from({ length: INPUT_LIMITS.keysPerMapping + 5 }, (_, index) => `    zz${index}: 1`).join('\n');
    const text = withUnderGreeting(keys);
    const diagnostics = check(text);
    expect(codes(diagnostics)).toEqual([`input/limit@${positionOf(text, `zz${INPUT_LIMITS.keysPerMapping}:`).line}:5`]);
    expect(diagnostics[0]!.hint).toBeTruthy();
  });

  it('lets `steps` hold more than a mapping may, up to the step limit', () => {
    const steps = Array.from(
      { length: INPUT_LIMITS.keysPerMapping + 1 },
      (_, index) => `  extra${index}:\n    type: play\n    prompt: Hi.\n    next: greeting`,
    ).join('\n');
    expect(limitErrors(example.replace('steps:\n', `steps:\n${steps}\n`))).toEqual([]);
  });

  it('refuses a list longer than the limit', () => {
    const items = Array.from({ length: INPUT_LIMITS.itemsPerList + 1 }, () => '{ ref: call.ani, equals: x }').join(', ');
    const text = example.replace(
      '    next: authenticate\n\n  authenticate:',
      `    next: check\n\n  check:\n    type: condition\n    if: { any: [ ${items} ] }\n    then: authenticate\n    else: authenticate\n\n  authenticate:`,
    );
    expect(codes(limitErrors(text))).toHaveLength(1);
  });

  it('refuses a string longer than the limit at the string', () => {
    const text = example.replace('Welcome to Example Bank.', 'x'.repeat(INPUT_LIMITS.stringLength + 1));
    const [error] = limitErrors(text);
    expect(error?.span?.start).toMatchObject(positionOf(text, 'xxxx'));
  });

  it.each([
    ['flow brackets', (depth: number) => `${'['.repeat(depth)}1${']'.repeat(depth)}`],
    ['flow mappings', (depth: number) => `${'{ a: '.repeat(depth)}1${' }'.repeat(depth)}`],
    ['nested `not`', (depth: number) => `${'{ not: '.repeat(depth)}{ ref: call.ani, equals: x }${' }'.repeat(depth)}`],
  ])('refuses nesting past the limit in %s, before parsing, the same way every time', (_, nest) => {
    const text = example.replace('description: >-', `description2: ${nest(5000)}\ndescription: >-`);
    const first = check(text);
    expect(first.map((diagnostic) => diagnostic.code)).toEqual(['input/limit']);
    expect(first[0]!.span!.start.line).toBe(positionOf(text, 'description2').line);
    expect(check(text)).toEqual(first);
  });

  it('measures block nesting by indentation and `- ` indicators, not brackets inside text', () => {
    const blocks = Array.from({ length: 60 }, (_, level) => `${' '.repeat(level)}k${level}:`).join('\n');
    expect(firstTooDeep(blocks, INPUT_LIMITS.nestingDepth)?.depth).toBe(INPUT_LIMITS.nestingDepth + 1);
    expect(firstTooDeep(`${'- '.repeat(60)}1`, INPUT_LIMITS.nestingDepth)).toBeDefined();
    expect(
      firstTooDeep(`prompt: Press [[[[[[[[1]]]]]]]] ${'['.repeat(60)}\nnote: '${'{'.repeat(60)}'\n# ${'['.repeat(60)}`, 8),
    ).toBeUndefined();
    expect(firstTooDeep(`text: |\n  ${'['.repeat(60)}\nnext: 1`, 8)).toBeUndefined();
  });

  it('a misindented file whose parser runs out of stack reports the same diagnostics every time', () => {
    const keys = Array.from({ length: 900 }, (_, index) => `    zz${index}: 1`).join('\n');
    const text = withUnderGreeting(`\tbad: 1\n${keys}`);
    const first = check(text);
    expect(first.length).toBeGreaterThan(0);
    for (let run = 0; run < 3; run++) expect(check(text)).toEqual(first);
  });

  it('refuses a scenario file with more scenarios than the limit', () => {
    const scenarios = Array.from(
      { length: INPUT_LIMITS.scenarios + 1 },
      (_, index) => `  - name: s${index}\n    expect: { end: disconnect }`,
    ).join('\n');
    const graph = checkSpec('x.yaml', Buffer.from(example), { environment: exampleEnvironment() }).graph!;
    const loaded = loadScenarioFile('x.test.yaml', Buffer.from(`ivrflow-test: 1\nscenarios:\n${scenarios}\n`), graph);
    expect(loaded.diagnostics.map((diagnostic) => diagnostic.code)).toContain('input/limit');
  });
});
