import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import type { FlowSpec } from '../../../../src/flowspec/types.js';
import { readRepoFile } from '../../../helpers/fixtures.js';
import {
  actionsOf,
  artifactOfKind,
  expressionLiterals,
  flowBody,
  genesysArtifacts,
  parseEmitted,
  renderVelocity,
  stringsIn,
  type Tree,
} from './archy-helpers.js';

/** test/cases/genesys-hostile-strings: quotes, `#`, `: `, `{{`, `${`, line breaks, non-ASCII, yes/no. */
const text = readRepoFile('test/cases/genesys-hostile-strings/spec.yaml');
const spec = parse(text) as FlowSpec;

async function outputs() {
  const artifacts = await genesysArtifacts(text);
  return {
    inbound: parseEmitted(artifactOfKind(artifacts, 'inboundCall').contents),
    secure: parseEmitted(artifactOfKind(artifacts, 'secureCall').contents),
    action: JSON.parse(artifactOfKind(artifacts, 'dataAction').contents) as {
      name: string;
      config: { request: { requestUrlTemplate: string; headers: Record<string, string>; requestTemplate: string } };
    },
  };
}

describe('escaping of hostile spec strings', () => {
  it('keeps prompts and names exact through YAML 1.2 and 1.1', async () => {
    const { inbound, secure } = await outputs();
    const genesys = spec.targets!.genesys!;
    expect(flowBody(inbound)['name']).toBe(genesys.inboundFlowName);
    expect(flowBody(secure)['name']).toBe(genesys.secureFlowName);
    expect(flowBody(secure)['division']).toBe(genesys.division);
    const prompts = new Set(
      stringsIn({ inbound, secure })
        .filter((entry) => entry.path.at(-1) === 'tts')
        .map((entry) => entry.text),
    );
    for (const step of Object.values(spec.steps)) if ('prompt' in step && step.prompt !== undefined) expect(prompts).toContain(step.prompt);
    const queues = new Set(
      actionsOf(secure, 'transferToAcd').map((transfer) => (transfer['targetQueue'] as { lit: { name: string } }).lit.name),
    );
    expect(queues).toEqual(new Set(Object.values(genesys.queues!)));
    const [call] = actionsOf(secure, 'callDataSecure');
    expect(Object.keys(call!['category'] as Tree)).toEqual([genesys.integration]);
    // Skill names are YAML literals by name, never expression text.
    const skills = actionsOf(secure, 'transferToAcd').flatMap((transfer) =>
      Array.isArray(transfer['acdSkills'])
        ? (transfer['acdSkills'] as { acdSkill: { lit: { name: string } } }[]).map((entry) => entry.acdSkill.lit.name)
        : [],
    );
    expect(skills).toContain('Français "VIP"');
  });

  it('escapes every compared value as an Architect string literal that decodes back', async () => {
    const { secure } = await outputs();
    const literals = new Set(
      stringsIn(secure)
        .filter((entry) => entry.path.at(-1) === 'exp')
        .flatMap((entry) => expressionLiterals(entry.text)),
    );
    for (const expected of ['gold "plus"', 'back\\slash', 'yes', 'o"k\\']) expect(literals).toContain(expected);
  });

  it('keeps literal attribute values as YAML literals, not expressions', async () => {
    const { secure } = await outputs();
    const [promote] = actionsOf(secure, 'setParticipantData');
    const attributes = (promote!['attributes'] as { attribute: { name: { lit: string }; value: Tree } }[]).map((entry) => [
      entry.attribute.name.lit,
      entry.attribute.value,
    ]);
    const promoteStep = spec.steps['promote'] as { attributes: Record<string, unknown> };
    expect(Object.fromEntries(attributes)['hostile.text']).toEqual({ lit: promoteStep.attributes['hostile.text'] });
  });

  it('renders a request body that is valid JSON with every value intact', async () => {
    const { action } = await outputs();
    const inputs = { id: 'conv"1\\', at: '2026-01-01T00:00:00Z', code: '1234', note: 'a "quoted" ${note} #x é\n' };
    const body = JSON.parse(renderVelocity(action.config.request.requestTemplate, inputs)) as Record<string, unknown>;
    expect(body).toEqual({ ...inputs, literal: spec.endpoints!['verify']!.body!['literal'], count: 3, flag: true });
  });

  it('writes $ and # of spec text through the Velocity escape tool', async () => {
    const { action } = await outputs();
    const endpoint = spec.endpoints!['verify']!;
    expect(renderVelocity(action.config.request.requestUrlTemplate, {})).toBe(endpoint.url);
    expect(renderVelocity(action.config.request.headers['X-Note']!, {})).toBe(endpoint.headers!['X-Note']);
    for (const template of [
      action.config.request.requestUrlTemplate,
      action.config.request.headers['X-Note']!,
      action.config.request.requestTemplate,
    ]) {
      const unescaped = template.replace(/\$esc\.jsonString\(\$\{input\.\w+\}\)|\$\{esc\.[dh]\}/g, '');
      expect(unescaped).not.toMatch(/[$#]/);
    }
    expect(action.name).toBe(spec.targets!.genesys!.dataActions!['verify']);
  });
});

describe('generated-file header', () => {
  it('keeps a hostile spec file name inside the comment', async () => {
    const artifacts = await genesysArtifacts(text, 'evil\rname: injected\n#x.yaml');
    for (const artifact of artifacts.filter((candidate) => candidate.path.endsWith('.yaml'))) {
      const data = parseEmitted(artifact.contents);
      expect(Object.keys(data)).not.toContain('name');
      expect(artifact.contents.split(/\r\n|\r|\n/)[0]).toMatch(/^# Generated by ivrflow from evil\?name: injected\?#x\.yaml:/);
    }
  });
});
