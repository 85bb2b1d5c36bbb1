import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import type { CompileOptions } from '../../../../src/pipeline.js';
import { BUS_NO_PLACEHOLDER } from '../../../../src/targets/cxone/emit/bus-number.js';
import { codes, compile, mutateFlow, positionOf, readRepoFile } from '../../../helpers/fixtures.js';
import { actionsNamed, FLOWS, parseScript, property, snippetCode } from './script-graph.js';

const exampleEnvironment = (): Map<string, string> =>
  new Map(Object.entries(parse(readRepoFile('flows/environments/example.yaml')) as Record<string, string>));

async function cxone(text: string, options: CompileOptions = {}) {
  const result = await compile(text, { targets: ['cxone'], ...options }, 'flow.yaml');
  const artifact = result.artifacts?.find((candidate) => candidate.target === 'cxone');
  return { result, script: artifact ? parseScript(artifact.contents) : undefined, contents: artifact?.contents };
}

const at = (text: string, snippet: string, code: string) => {
  const { line, column } = positionOf(text, snippet);
  return `${code}@${line}:${column}`;
};

describe('header.busNo', () => {
  it('is never missing: without targets.cxone.busNo it is the upload placeholder, said once in a note', async () => {
    const text = readRepoFile('flows/identity-promotion.yaml');
    const { result, script } = await cxone(text, { environment: exampleEnvironment() });
    expect(script!.header.busNo).toBe(BUS_NO_PLACEHOLDER);
    const notes = result.diagnostics.filter((diagnostic) => diagnostic.message.includes('busNo'));
    expect(notes.map((diagnostic) => `${diagnostic.code} ${diagnostic.severity}`)).toEqual(['target/missing-name info']);
  });

  it.each([
    [4051234, 4051234],
    ['4051234', 4051234],
  ])('writes targets.cxone.busNo %j as the integer NICE expects', async (busNo, expected) => {
    const text = mutateFlow('identity-promotion', { 'targets.cxone.busNo': busNo });
    const { result, script } = await cxone(text, { environment: exampleEnvironment() });
    expect(script!.header.busNo).toBe(expected);
    expect(result.diagnostics.some((diagnostic) => diagnostic.message.includes('busNo'))).toBe(false);
  });

  it('takes a placeholder filled by --env, and refuses an environment value that is not digits', async () => {
    const text = mutateFlow('identity-promotion', { 'targets.cxone.busNo': '{{bus_no}}' });
    const filled = await cxone(text, { environment: new Map([...exampleEnvironment(), ['bus_no', '77']]) });
    expect(filled.script!.header.busNo).toBe(77);
    const wrong = await cxone(text, { environment: new Map([...exampleEnvironment(), ['bus_no', 'seventy']]) });
    expect(wrong.script).toBeUndefined();
    expect(codes(wrong.result.diagnostics.filter((diagnostic) => diagnostic.severity === 'error'))).toEqual([
      at(text, '"{{bus_no}}"', 'target/unsupported'),
    ]);
  });

  it('is refused by the schema when it is not a business unit number', async () => {
    const text = mutateFlow('identity-promotion', { 'targets.cxone.busNo': 'BU-1' });
    const { result } = await cxone(text, { environment: exampleEnvironment() });
    expect(codes(result.diagnostics)).toContain(at(text, 'BU-1', 'schema/invalid'));
  });
});

describe('unfilled placeholders', () => {
  it('are errors where the script would carry them, at the value, unless --env fills them', async () => {
    const text = readRepoFile('flows/identity-promotion.yaml');
    const { result, script } = await cxone(text);
    expect(script).toBeUndefined();
    const unfilled = result.diagnostics.filter((diagnostic) => diagnostic.code === 'target/unfilled-placeholder');
    expect(codes(unfilled)).toEqual([
      at(text, '"{{identity_base_url}}/api/v1/auth/verify"', 'target/unfilled-placeholder'),
      at(text, '"{{platinum_skill}}"', 'target/unfilled-placeholder'),
      at(text, '"{{general_skill}}"', 'target/unfilled-placeholder'),
    ]);
    expect(unfilled[0]!.message).toContain('{{identity_base_url}}');
    const filled = await cxone(text, { environment: exampleEnvironment() });
    expect(filled.result.diagnostics.filter((diagnostic) => diagnostic.severity === 'error')).toEqual([]);
  });

  it('stand for themselves when ivrflow test simulates the flow', async () => {
    const { result, script } = await cxone(readRepoFile('flows/identity-promotion.yaml'), { placeholders: 'keep' });
    expect(result.diagnostics.filter((diagnostic) => diagnostic.severity === 'error')).toEqual([]);
    expect(property(actionsNamed(script!, 'REQAGENT')[0]!, 'Skill')).toMatch(/^\{\{\w+_skill\}\}$/);
  });

  it.each(FLOWS)('leave no {{placeholder}} in the Snippet code of flows/%s.yaml built with the example environment', async (flow) => {
    const { script } = await cxone(readRepoFile(`flows/${flow}.yaml`), { environment: exampleEnvironment() });
    for (const code of snippetCode(script!)) expect(code).not.toMatch(/\{\{/);
    for (const action of actionsNamed(script!, 'REQAGENT')) expect(String(property(action, 'Skill'))).not.toMatch(/\{\{/);
  });
});

describe('the bearer token', () => {
  it('is never in Snippet code: one ASSIGN holds the upload placeholder, and --env never fills it', async () => {
    const environment = new Map([...exampleEnvironment(), ['secret_middlewareToken', 'sk-live-0123456789']]);
    const { result, script, contents } = await cxone(readRepoFile('flows/identity-promotion.yaml'), { environment });
    expect(contents).not.toContain('sk-live-0123456789');
    for (const code of snippetCode(script!)) expect(code).not.toContain('secret_');
    const holders = actionsNamed(script!, 'ASSIGN').filter((action) => String(property(action, 'Value')).includes('{{secret_'));
    expect(holders.map((action) => [property(action, 'Variable'), property(action, 'Value'), property(action, 'ScreenPop')])).toEqual([
      ['ivrflow_token_middlewareToken', '{{secret_middlewareToken}}', 'False'],
    ]);
    expect(String(script!.header.variableRedaction).split(',')).toContain('ivrflow_token_middlewareToken');
    expect(result.diagnostics.filter((diagnostic) => diagnostic.code === 'target/credential-in-script')).toHaveLength(1);
  });

  it('is announced on every CXone build that will embed one, at the endpoint that uses it', async () => {
    const text = readRepoFile('flows/identity-promotion.yaml');
    const { result } = await cxone(text, { environment: exampleEnvironment() });
    const warnings = result.diagnostics.filter((diagnostic) => diagnostic.code === 'target/credential-in-script');
    expect(codes(warnings)).toEqual([
      at(text, 'bearer: middlewareToken', 'target/credential-in-script').replace(
        /:(\d+)$/,
        (_, column: string) => `:${Number(column) + 8}`,
      ),
    ]);
    expect(warnings[0]!.severity).toBe('warning');
    const genesysOnly = await compile(text, { targets: ['genesys'] }, 'flow.yaml');
    expect(genesysOnly.diagnostics.some((diagnostic) => diagnostic.code === 'target/credential-in-script')).toBe(false);
  });
});

describe('skills', () => {
  it('takes a numeric skill id or a name per queue', async () => {
    const text = mutateFlow('identity-promotion', {
      'targets.cxone.skills.platinum': 4051001,
      'targets.cxone.skills.general': 'General_Support',
    });
    const { script } = await cxone(text, { environment: exampleEnvironment() });
    expect(new Set(actionsNamed(script!, 'REQAGENT').map((action) => property(action, 'Skill')))).toEqual(
      new Set(['4051001', 'General_Support']),
    );
  });

  it.each([
    ['a leading zero', '04051001', 'target/unsupported', 'error'],
    ['a surrounding space', ' General_Support', 'target/unsupported', 'error'],
    ['a brace', 'General{x}', 'target/unsupported', 'error'],
    ['the word Default', 'Default', 'target/unsupported', 'warning'],
  ])('reports %s at the skill', async (_, skill, code, severity) => {
    const text = mutateFlow('identity-promotion', { 'targets.cxone.skills.general': skill });
    const { result } = await cxone(text, { environment: exampleEnvironment() });
    const found = result.diagnostics.filter((diagnostic) => diagnostic.path.join('.') === 'targets.cxone.skills.general');
    expect(found.map((diagnostic) => `${diagnostic.code} ${diagnostic.severity}`)).toEqual([`${code} ${severity}`]);
  });

  it('refuses a skill id the schema cannot hold', async () => {
    const text = mutateFlow('identity-promotion', { 'targets.cxone.skills.general': 0 });
    const { result } = await cxone(text, { environment: exampleEnvironment() });
    expect(result.diagnostics.some((diagnostic) => diagnostic.code.startsWith('schema/'))).toBe(true);
  });
});
