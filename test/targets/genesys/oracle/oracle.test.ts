import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { ROOT } from '../../../helpers/fixtures.js';
import { goldenGenesysDirs, mutatedCopy, problems, runOracle, type OracleReport } from './oracle.js';

/**
 * The offline Genesys oracle (docs/genesys.md "Offline check against the Architect core"): every
 * generated Genesys flow the golden tests pin is loaded into the Architect Scripting SDK, which
 * bundles Architect's core, and validated there. A refusal, an unmapped key or a validation error
 * fails. Copies that carry each construct the core contradicts must fail, or the oracle proves
 * nothing.
 */

const GOLDEN = goldenGenesysDirs();
const IDENTITY = join(ROOT, 'test/golden/flows/identity-promotion/genesys');

/** Each contradicted construct, put back into a copy of a file that passes. */
const CONTRADICTED = [
  {
    name: 'callData over a secure data action',
    file: 'secure-call.yaml',
    change: (text: string) => text.replace('- callDataSecure:', '- callData:'),
    expected: /data action could not be found/,
  },
  {
    name: 'collectInput range with min = max',
    file: 'secure-call.yaml',
    change: (text: string) =>
      text.replace(/digits:\n(\s+)exact: 6/, 'digits:\n$1range:\n$1  min: 6\n$1  max: 6\n$1  terminatingDtmf: "digit_#"'),
    expected: /min digit count value 6 must be less than the max digit count value 6/,
  },
  {
    name: 'literal transferToAcd priority above 10',
    file: 'secure-call.yaml',
    change: (text: string) => text.replace(/priority:\n(\s+)exp: 10 \+ 40/, 'priority:\n$1lit: 50'),
    expected: /The value 50 must be less than or equal to 10/,
  },
  {
    name: 'noValue transfer audio',
    file: 'inbound-call.yaml',
    change: (text: string) => text.replace(/(\n(\s+)connectTimeout:\n\s+noValue: true\n)/, '$1$2preTransferAudio:\n$2  noValue: true\n'),
    expected: /preTransferAudio/,
  },
];

let reports: Map<string, OracleReport>;
const mutants = new Map<string, string>();

beforeAll(async () => {
  for (const mutation of CONTRADICTED) mutants.set(mutation.name, mutatedCopy(IDENTITY, mutation.file, mutation.change));
  reports = await runOracle([...GOLDEN.map(({ dir }) => dir), ...mutants.values()]);
}, 600_000);

describe('the Architect core accepts every generated Genesys flow', () => {
  it('covers every example flow and golden case with Genesys output', () => {
    expect(GOLDEN.map(({ name }) => name)).toEqual(
      expect.arrayContaining([
        'flows/identity-promotion',
        'flows/international-otp',
        'flows/pin-with-summary',
        'flows/claims-line',
        'flows/pin-dob',
        'cases/genesys-hostile-strings',
      ]),
    );
  });

  it.each(GOLDEN)('$name', ({ dir }) => {
    const report = reports.get(dir)!;
    expect(report.flows.map((flow) => flow.file)).toContain('inbound-call.yaml');
    expect(problems(report)).toEqual([]);
    // Only the three collectInput keys newer than this SDK build may go unchecked.
    const notes = report.flows.flatMap((flow) => flow.notes.map((note) => note.replace(/^.*\./, '')));
    expect(new Set(notes.map((note) => note.split(':')[0]))).toSatisfy((keys: Set<string>) =>
      [...keys].every((key) => ['acceptJustStar', 'acceptJustPound', 'includeTerminatingDtmfInResultData'].includes(key)),
    );
  });
});

describe('the oracle rejects each contradicted construct', () => {
  it.each(CONTRADICTED)('$name', ({ name, expected }) => {
    const found = problems(reports.get(mutants.get(name)!)!);
    expect(
      found.some((problem) => expected.test(problem)),
      found.join('\n'),
    ).toBe(true);
  });
});
