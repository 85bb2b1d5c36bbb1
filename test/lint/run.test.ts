import { describe, expect, it } from 'vitest';
import { FlowIndex } from '../../src/flowspec/flow-index.js';
import { loadSpec } from '../../src/flowspec/load.js';
import { DiagnosticSink } from '../../src/flowspec/source.js';
import type { FlowSpec } from '../../src/flowspec/types.js';
import { lintSpec } from '../../src/lint/run.js';
import { defineRule } from '../../src/lint/rule.js';
import { readRepoFile } from '../helpers/fixtures.js';

const loaded = loadSpec('flow.yaml', Buffer.from(readRepoFile('flows/identity-promotion.yaml')));
const spec = loaded.data as FlowSpec;

describe('lintSpec', () => {
  it('turns a rule that throws into a diagnostic and still runs the others', () => {
    const broken = defineRule({
      id: 'broken',
      severity: 'error',
      description: 'x',
      protectsCredential: false,
      messages: {},
      check: () => {
        throw new Error('boom');
      },
    });
    const working = defineRule({
      id: 'working',
      severity: 'warning',
      description: 'x',
      protectsCredential: false,
      messages: { found: 'Found {{what}}.' },
      check: ({ report }) => report('found', ['start'], { what: 'it' }),
    });
    const sink = new DiagnosticSink(loaded.source);
    lintSpec(spec, new FlowIndex(spec), sink, { rules: [broken, working] });
    expect(sink.diagnostics.map((diagnostic) => [diagnostic.code, diagnostic.severity, diagnostic.messageId ?? null])).toEqual([
      ['lint/rule-crashed', 'error', null],
      ['rule/working', 'warning', 'found'],
    ]);
    expect(sink.diagnostics[1]!.message).toBe('Found it.');
  });

  it('skips a rule the configuration turns off and applies a changed level', () => {
    const rule = defineRule({
      id: 'r',
      severity: 'error',
      description: 'x',
      protectsCredential: false,
      messages: { m: 'm' },
      check: ({ report }) => report('m', []),
    });
    const off = new DiagnosticSink(loaded.source);
    lintSpec(spec, new FlowIndex(spec), off, { rules: [rule], config: new Map([['r', { level: 'off' }]]) });
    expect(off.diagnostics).toEqual([]);
    const warning = new DiagnosticSink(loaded.source);
    lintSpec(spec, new FlowIndex(spec), warning, { rules: [rule], config: new Map([['r', { level: 'warning' }]]) });
    expect(warning.diagnostics.map((diagnostic) => diagnostic.severity)).toEqual(['warning']);
  });
});
