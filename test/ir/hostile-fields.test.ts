import { parseAllDocuments } from 'yaml';
import { describe, expect, it } from 'vitest';
import type { Diagnostic } from '../../src/diagnostics/diagnostic.js';
import type { RuleConfig, RuleSetting } from '../../src/lint/config.js';
import { RULES } from '../../src/lint/rules/index.js';
import { createEngine } from '../../src/simulate/engines.js';
import { ENGINE_NAMES } from '../../src/targets/engine-contract.js';
import { compile, exampleEnvironment, mutateFlow } from '../helpers/fixtures.js';
import { attributes, call, ok, prompts, simulate } from '../simulate/helpers.js';
import { HOSTILE } from './hostile-strings.js';

/**
 * The hostile literals of hostile-literals.test.ts in the other string fields a call makes audible
 * or visible: the prompts of a play, a sensitive gather and a route, and an attribute literal. Each is judged by what the three engines observe on a call that runs through
 * all of them (the Genesys engine reads the Archy YAML and its Architect string literals, the
 * CXone engine interprets the script's Snippet), and every Archy file must read as the same data
 * in YAML 1.1 and 1.2. A literal either arrives exactly, or is refused at its position.
 *
 * All fields take the literal in one spec (one compile and three runs per literal); a refusal in
 * any of them falls back to one spec per field, so one field's refusal never hides another's check.
 */
interface Field {
  path: string;
  kind: 'prompt' | 'attribute';
}
const FIELDS: Field[] = [
  { path: 'steps.greeting.prompt', kind: 'prompt' },
  { path: 'steps.collectOtp.prompt', kind: 'prompt' },
  { path: 'steps.routeByTier.prompt', kind: 'prompt' },
  { path: 'steps.promoteIdentity.attributes.customer.authenticated', kind: 'attribute' },
];

/** The YAML edit path of a field: the attribute name `customer.authenticated` is one key. */
const editPath = (field: Field) => field.path.replace('attributes.customer.authenticated', 'attributes[customer.authenticated]');

const REASON = 'the hostile-field corpus';
const CONFIGURATIONS: [string, RuleConfig | undefined][] = [
  ['the default rules', undefined],
  ['every rule off', new Map<string, RuleSetting>(RULES.map((rule) => [rule.id, { level: 'off', reason: REASON }]))],
];

/** The success path says every prompt above. (A failed transfer inside the Genesys secure flow disconnects, docs/genesys.md §9.1.) */
const CALL = call(['123456#']);
const VERIFIED = ok({ status: 'success', customer_id: 'C-1', tier: 'gold', account_status: 'active', routing_priority: 1 });
const TTS_REWRITTEN = /["{}\n\t]/;
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/;

async function judge(fields: readonly Field[], literal: string, rules: RuleConfig | undefined): Promise<Field[]> {
  const edits = Object.fromEntries(fields.map((field) => [editPath(field), literal]));
  const result = await compile(mutateFlow('identity-promotion', edits), {
    targets: ['genesys', 'cxone'],
    environment: exampleEnvironment(),
    ...(rules ? { rules } : {}),
  });
  const errors = result.diagnostics.filter((diagnostic) => diagnostic.severity === 'error');
  if (errors.length > 0) {
    expect(result.artifacts).toBeUndefined();
    for (const error of errors) {
      expect(fieldAt(fields, error), `${error.code} at ${error.path.join('.')}`).toBeDefined();
      expect(error.span?.start.line).toBeGreaterThan(0);
    }
    return fields.filter((field) => errors.some((error) => fieldAt([field], error)));
  }
  expect(CONTROL.test(literal), 'a control character other than tab and line feed is never emitted').toBe(false);
  for (const artifact of result.artifacts!.filter((candidate) => candidate.path.endsWith('.yaml')))
    expect(parseAllDocuments(artifact.contents, { version: '1.1' }).map((document) => document.toJS())).toEqual(
      parseAllDocuments(artifact.contents, { version: '1.2' }).map((document) => document.toJS()),
    );
  const notes = new Set(result.diagnostics.map((diagnostic) => `${diagnostic.code} ${diagnostic.path.join('.')}`));
  for (const engineName of ENGINE_NAMES) {
    const engine = await createEngine(engineName, { graph: result.graph!, artifacts: result.artifacts! });
    const recorder = simulate(engine, CALL, [VERIFIED]);
    const said = prompts(recorder);
    for (const field of fields) {
      if (field.kind === 'attribute') expect(attributes(recorder)['customer.authenticated'], engineName).toBe(literal);
      else if (engineName === 'cxone' && TTS_REWRITTEN.test(literal)) expect(notes).toContain(`target/tts-rewrite ${field.path}`);
      else expect(said, `${engineName} ${field.path}`).toContain(literal);
    }
  }
  return [];
}

function fieldAt(fields: readonly Field[], error: Diagnostic): Field | undefined {
  const path = error.path.join('.');
  return fields.find((field) => path.startsWith(field.path));
}

describe.each(CONFIGURATIONS)('hostile literals in prompts and attribute literals under %s', (_, rules) => {
  it.each(HOSTILE.map((literal) => [JSON.stringify(literal), literal]))(
    '%s arrives exactly, or is refused at the field',
    async (_, literal) => {
      const refused = await judge(FIELDS, literal, rules);
      if (refused.length === 0 || refused.length === FIELDS.length) return;
      for (const field of FIELDS) await judge([field], literal, rules);
    },
  );
});
