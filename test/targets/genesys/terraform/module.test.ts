import { describe, expect, it } from 'vitest';
import type { Artifact } from '../../../../src/targets/artifact.js';
import { compileSpec } from '../../../../src/pipeline.js';
import { buildTerraformModule, TERRAFORM_MODULE_PATH } from '../../../../src/targets/genesys/terraform/module.js';
import { readRepoFile } from '../../../helpers/fixtures.js';

interface Module {
  variable: Record<string, { type: string; description: string; sensitive?: boolean; default?: unknown }>;
  resource: Record<string, Record<string, Record<string, unknown>>>;
}

async function build(spec: string, text = readRepoFile(spec)) {
  const result = await compileSpec(spec, Buffer.from(text), { targets: ['genesys'], packagings: ['terraform'] });
  const artifacts = result.artifacts ?? [];
  const module = artifacts.find((artifact) => artifact.path === TERRAFORM_MODULE_PATH);
  expect(module, JSON.stringify(result.diagnostics.filter((d) => d.severity === 'error'))).toBeDefined();
  return { artifacts, text: module!.contents, module: JSON.parse(module!.contents) as Module };
}

/**
 * Reads a template string the way Terraform does for the constructs the module writes: `$${` and
 * `%%{` are literal, `${"$"}` is a `$`, `${var.x}` is the variable (given back as the placeholder
 * it stands for). `scripts/terraform-roundtrip.mjs` checks the same with the real `terraform`.
 */
function readTemplate(text: string, keyOf: (variable: string) => string): string {
  return text.replace(/\$\$\{|%%\{|\$\{"\$"\}|\$\{var\.([A-Za-z0-9_-]+)\}/g, (match, variable?: string) =>
    match === '$${' ? '${' : match === '%%{' ? '%{' : match === '${"$"}' ? '$' : `{{${keyOf(variable!)}}}`,
  );
}

describe('generate --target terraform', () => {
  it('deploys in publish order: data actions, the secure flow, then the inbound flow', async () => {
    const { module } = await build('flows/pin-with-summary.yaml');
    const actions = Object.keys(module.resource['genesyscloud_integration_action']!);
    expect(actions.length).toBeGreaterThan(1);
    const flows = module.resource['genesyscloud_flow']!;
    expect(flows['secure_call']!['depends_on']).toEqual(actions.map((name) => `genesyscloud_integration_action.${name}`));
    expect(flows['inbound_call']!['depends_on']).toEqual(['genesyscloud_flow.secure_call']);
    expect(flows['inbound_call']!['filepath']).toBe('${path.module}/../genesys/inbound-call.yaml');
  });

  it('has a variable without a default for every placeholder left in the Genesys files, and substitutes each flow file', async () => {
    const { artifacts, module } = await build('flows/identity-promotion.yaml');
    const genesys = artifacts.filter((artifact) => artifact.target === 'genesys' && artifact.kind !== 'archyOptions');
    const keys = new Set(genesys.flatMap((artifact) => [...artifact.contents.matchAll(/\{\{([A-Za-z0-9_.-]+)\}\}/g)].map((m) => m[1]!)));
    expect(Object.keys(module.variable).sort()).toEqual(['genesys_integration_id', ...keys].sort());
    expect(Object.values(module.variable).every((variable) => variable.default === undefined && variable.type === 'string')).toBe(true);
    for (const [name, flow] of Object.entries(module.resource['genesyscloud_flow']!)) {
      const file = genesys.find((artifact) => artifact.path === `genesys/${name.replace('_', '-')}.yaml`)!;
      const used = [...new Set([...file.contents.matchAll(/\{\{([A-Za-z0-9_.-]+)\}\}/g)].map((m) => m[1]!))].sort();
      expect(Object.keys(flow['substitutions'] as object)).toEqual(used);
    }
  });

  it('writes every data action string so that Terraform reads back the data action file', async () => {
    const hostile = readRepoFile('test/cases/genesys-hostile-strings/spec.yaml').replace(
      'url: "https://auth.example.com/v1/verify?a=1&b=$x#frag"',
      'url: "{{api.base}}/v1/%{p}/${q}/$${{tail}}"',
    );
    const { artifacts, module } = await build('spec.yaml', hostile);
    const file = JSON.parse(artifacts.find((artifact) => artifact.kind === 'dataAction')!.contents) as {
      name: string;
      config: { request: Record<string, unknown>; response: Record<string, unknown> };
    };
    const keyOf = (variable: string) =>
      variable === 'api_base' ? 'api.base' : variable === 'genesys_integration' ? 'genesys_integration' : variable;
    const action = module.resource['genesyscloud_integration_action']!['verify']!;
    const request = action['config_request'] as Record<string, string | Record<string, string>>;
    // Velocity already wrote `$` as `${esc.d}` (docs/genesys.md, Escaping): Terraform must keep that literal.
    expect(request['request_url_template']).toBe('${var.api_base}/v1/%%{p}/$${esc.d}{q}/$${esc.d}${var.tail}');
    expect(readTemplate(request['request_url_template'] as string, keyOf)).toBe(file.config.request['requestUrlTemplate']);
    expect(readTemplate(request['request_template'] as string, keyOf)).toBe(file.config.request['requestTemplate']);
    const headers = Object.fromEntries(
      Object.entries(request['headers'] as Record<string, string>).map(([k, v]) => [k, readTemplate(v, keyOf)]),
    );
    expect(headers).toEqual(file.config.request['headers']);
    const response = action['config_response'] as Record<string, string>;
    expect(readTemplate(response['success_template']!, keyOf)).toBe(file.config.response['successTemplate']);
  });

  it('marks a secret placeholder sensitive, with no default', () => {
    const flow: Artifact = {
      path: 'genesys/inbound-call.yaml',
      contents: 'token: "{{secret_api}}"\n',
      target: 'genesys',
      kind: 'inboundCall',
    };
    const graph = { targets: { genesys: { integration: 'Ints' } }, nodes: [], endpoints: [], queues: [], name: 'F' } as never;
    const module = JSON.parse(buildTerraformModule(graph, [flow], { specFile: 'spec.yaml' }).artifacts[0]!.contents) as Module;
    expect(module.variable['secret_api']).toEqual({ type: 'string', description: expect.any(String) as string, sensitive: true });
  });

  it('is the same bytes on every run, and names no folder of the machine it ran on', async () => {
    const first = await build('flows/international-otp.yaml');
    const second = await build('flows/international-otp.yaml');
    expect(second.text).toBe(first.text);
    expect(first.text).not.toContain(process.cwd());
  });

  it('writes a `$` right before a placeholder so that it is not read as the `$${` escape', () => {
    const action = JSON.parse(readRepoFile('test/golden/flows/identity-promotion/genesys/data-actions/verifyIdentity.json')) as {
      config: { request: { requestUrlTemplate: string } };
    };
    action.config.request.requestUrlTemplate = 'https://x/${{tail}}';
    const artifact: Artifact = {
      path: 'genesys/data-actions/v.json',
      contents: JSON.stringify(action),
      target: 'genesys',
      kind: 'dataAction',
    };
    const graph = { targets: { genesys: { integration: 'Ints' } }, nodes: [], endpoints: [], queues: [], name: 'F' } as never;
    const module = JSON.parse(buildTerraformModule(graph, [artifact], { specFile: 'spec.yaml' }).artifacts[0]!.contents) as Module;
    const request = module.resource['genesyscloud_integration_action']!['v']!['config_request'] as Record<string, string>;
    expect(request['request_url_template']).toBe('https://x/${"$"}${var.tail}');
    expect(readTemplate(request['request_url_template']!, (name) => name)).toBe('https://x/${{tail}}');
  });

  it('is not written unless asked for', async () => {
    const result = await compileSpec('spec.yaml', Buffer.from(readRepoFile('flows/identity-promotion.yaml')), { targets: ['genesys'] });
    expect(result.artifacts?.map((artifact) => artifact.target)).not.toContain('terraform');
    expect(result.artifacts?.length).toBeGreaterThan(1);
  });
});
