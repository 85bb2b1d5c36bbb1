import velocity from 'velocityjs';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import type { Diagnostic } from '../../src/diagnostics/diagnostic.js';
import type { RuleConfig, RuleSetting } from '../../src/lint/config.js';
import { RULES } from '../../src/lint/rules/index.js';
import { createEngine } from '../../src/simulate/engines.js';
import type { Artifact } from '../../src/targets/artifact.js';
import { compile, exampleEnvironment, mutateFlow } from '../helpers/fixtures.js';
import { call, ok, requests, simulate, prompts } from '../simulate/helpers.js';
import { HOSTILE } from './hostile-strings.js';

/**
 * Hostile literals in every string field an endpoint and a prompt have, judged by decoders that are
 * not ivrflow's: a real Velocity implementation (velocityjs) and JSON.parse for the Genesys data
 * action, the `yaml` library in YAML 1.1 and 1.2 for the Archy flow, and for CXone the request the
 * engine's Snippet interpreter sends. Each literal either arrives exactly, or is refused with a
 * diagnostic at the literal.
 */

type Field = 'body' | 'header' | 'url' | 'prompt';
const FIELDS: Field[] = ['body', 'header', 'url', 'prompt'];

function specWith(field: Field, literal: string): string {
  switch (field) {
    case 'body':
      return mutateFlow('identity-promotion', { 'endpoints.verifyIdentity.body.note': literal });
    case 'header':
      return mutateFlow('identity-promotion', { 'endpoints.verifyIdentity.headers': { 'X-Note': literal } });
    case 'url':
      return mutateFlow('identity-promotion', {
        'endpoints.verifyIdentity.url': `{{identity_base_url}}/api/v1/auth/verify?note=${literal}`,
      });
    case 'prompt':
      return mutateFlow('identity-promotion', { 'steps.greeting.prompt': literal });
  }
}

/** The spec path the literal sits at, where a refusal must point. */
const PATHS: Record<Field, string> = {
  body: 'endpoints.verifyIdentity.body.note',
  header: 'endpoints.verifyIdentity.headers.X-Note',
  url: 'endpoints.verifyIdentity.url',
  prompt: 'steps.greeting.prompt',
};

const BASE_URL = exampleEnvironment().get('identity_base_url')!;
const expected = (field: Field, literal: string) => (field === 'url' ? `${BASE_URL}/api/v1/auth/verify?note=${literal}` : literal);

/** Velocity's EscapeTool, as Genesys provides it to data action templates ($esc.d, .h, .b, .jsonString). */
const ESC = { d: '$', h: '#', b: '\\', jsonString: (value: unknown) => JSON.stringify(String(value)).slice(1, -1) };
const INPUTS = {
  interaction_id: 'id-1',
  customer_identifier: '+15550100100',
  auth_value: '123456',
  timestamp: '2026-01-15T14:30:00Z',
};
const render = (template: string) => velocity.render(template, { esc: ESC, input: INPUTS });

function artifact(artifacts: readonly Artifact[], target: string, kind: string): string {
  const found = artifacts.find((candidate) => candidate.target === target && candidate.kind === kind);
  if (!found) throw new Error(`no ${target} ${kind}`);
  return found.contents;
}

/** Every TTS text of the inbound Archy flow, read as YAML 1.1 or 1.2. */
function archyPrompts(artifacts: readonly Artifact[], version: '1.1' | '1.2'): string[] {
  const texts: string[] = [];
  const pending: unknown[] = [parse(artifact(artifacts, 'genesys', 'inboundCall'), { version })];
  for (let item = pending.pop(); item !== undefined; item = pending.pop())
    if (item !== null && typeof item === 'object')
      for (const [key, child] of Object.entries(item)) {
        if (key === 'tts' && typeof child === 'string') texts.push(child);
        else pending.push(child);
      }
  return texts;
}

/** What the Genesys data action sends for the field, decoded by Velocity (and JSON for the body). */
function genesysValue(artifacts: readonly Artifact[], field: Exclude<Field, 'prompt'>): string {
  const action = JSON.parse(artifact(artifacts, 'genesys', 'dataAction')) as {
    config: { request: { requestUrlTemplate: string; headers: Record<string, string>; requestTemplate: string } };
  };
  const request = action.config.request;
  if (field === 'url') return render(request.requestUrlTemplate);
  if (field === 'header') return render(request.headers['X-Note']!);
  return (JSON.parse(render(request.requestTemplate)) as Record<string, string>)['note']!;
}

/** What the CXone script sends or says, as its engine (the Snippet interpreter) runs it. */
async function cxoneValue(
  artifacts: readonly Artifact[],
  graph: Parameters<typeof createEngine>[1]['graph'],
  field: Field,
): Promise<string> {
  const engine = await createEngine('cxone', { graph, artifacts: [...artifacts] });
  const recorder = simulate(engine, call(['123456#']), [
    ok({ status: 'success', customer_id: 'C-1', tier: 'gold', account_status: 'active', routing_priority: 1 }),
  ]);
  if (field === 'prompt') return prompts(recorder)[0]!;
  const [request] = requests(recorder);
  if (field === 'url') return request!.url;
  if (field === 'header') return request!.headers['x-note']!;
  return (JSON.parse(request!.body!) as Record<string, string>)['note']!;
}

const REASON = 'the hostile-literal corpus';
const CONFIGURATIONS: [string, RuleConfig | undefined][] = [
  ['the default rules', undefined],
  ['every rule off', new Map<string, RuleSetting>(RULES.map((rule) => [rule.id, { level: 'off', reason: REASON }]))],
];

const refusalAt = (diagnostics: readonly Diagnostic[], field: Field) =>
  diagnostics.filter((diagnostic) => diagnostic.severity === 'error' && diagnostic.path.join('.').startsWith(PATHS[field]));

describe.each(CONFIGURATIONS)('hostile literals under %s', (_, rules) => {
  describe.each(FIELDS)('in the %s', (field) => {
    it.each(HOSTILE.map((literal) => [JSON.stringify(literal), literal]))(
      '%s arrives exactly, or is refused at the literal',
      async (_, literal) => {
        const result = await compile(specWith(field, literal), {
          targets: ['genesys', 'cxone'],
          environment: exampleEnvironment(),
          ...(rules ? { rules } : {}),
        });
        const errors = result.diagnostics.filter((diagnostic) => diagnostic.severity === 'error');
        if (errors.length > 0) {
          expect(result.artifacts).toBeUndefined();
          expect(refusalAt(errors, field).length, errors.map((error) => `${error.code} ${error.path.join('.')}`).join('; ')).toBe(
            errors.length,
          );
          for (const error of errors) expect(error.span?.start.line).toBeGreaterThan(0);
          return;
        }
        // A control character other than tab and line feed is never emitted.
        expect(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/.test(literal)).toBe(false);
        const artifacts = result.artifacts!;
        if (field === 'prompt') for (const version of ['1.1', '1.2'] as const) expect(archyPrompts(artifacts, version)).toContain(literal);
        else expect(genesysValue(artifacts, field)).toBe(expected(field, literal));
        // CXone TTS rewrites quotes, braces and line breaks in prompts, and says so at the prompt (target/tts-rewrite).
        const cxone = await cxoneValue(artifacts, result.graph!, field);
        if (field === 'prompt' && /["{}\n\t]/.test(literal))
          expect(result.diagnostics.map((diagnostic) => `${diagnostic.code} ${diagnostic.path.join('.')}`)).toContain(
            'target/tts-rewrite steps.greeting.prompt',
          );
        else expect(cxone).toBe(expected(field, literal));
      },
    );
  });
});
