#!/usr/bin/env node
// Checks a generated Terraform module with the real `terraform` binary, offline: every
// genesyscloud_* resource becomes a built-in `terraform_data` whose `input` is the resource's body
// (the provider cannot be downloaded here), `terraform apply` evaluates every template, and the
// values Terraform computes are compared with the Genesys files the module deploys.
//
//   node scripts/terraform-roundtrip.mjs <out>/<flow>/ [-var name=value ...]
//
// Exit 0 when every data action string and every flow path reads back as in ../genesys.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { isDeepStrictEqual } from 'node:util';

const [flowDir, ...varArgs] = process.argv.slice(2);
if (!flowDir) {
  console.error('usage: node scripts/terraform-roundtrip.mjs <out>/<flow>/ [-var name=value ...]');
  process.exit(2);
}
const module = JSON.parse(readFileSync(join(flowDir, 'terraform/main.tf.json'), 'utf8'));
const renamed = (address) => {
  const [type, name] = address.split('.');
  return `terraform_data.${type.replace('genesyscloud_', '')}__${name}`;
};
const resources = {};
const outputs = {};
for (const [type, byName] of Object.entries(module.resource)) {
  for (const [name, { depends_on: dependsOn, ...body }] of Object.entries(byName)) {
    const address = renamed(`${type}.${name}`).replace('terraform_data.', '');
    resources[address] = { input: body, ...(dependsOn ? { depends_on: dependsOn.map(renamed) } : {}) };
    outputs[address] = { value: `\${terraform_data.${address}.output}` };
  }
}
const work = mkdtempSync(join(tmpdir(), 'ivrflow-tf-'));
try {
  const vars = Object.keys(module.variable).flatMap((name) => ['-var', `${name}=value-of-${name}`]);
  writeFileSync(
    join(work, 'main.tf.json'),
    JSON.stringify({ variable: module.variable, resource: { terraform_data: resources }, output: outputs }),
  );
  const run = (...args) => execFileSync('terraform', [`-chdir=${work}`, ...args], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  run('init', '-input=false', '-backend=false');
  run('apply', '-auto-approve', '-input=false', ...vars, ...varArgs);
  const values = JSON.parse(run('output', '-json'));
  const fill = (text) => text.replace(/\{\{([A-Za-z0-9_.-]+)\}\}/g, (_, key) => `value-of-${key.replace(/[^A-Za-z0-9_-]/g, '_')}`);
  let failures = 0;
  const same = (what, actual, expected) => {
    if (isDeepStrictEqual(actual, expected)) return;
    failures++;
    console.error(`${what}:\n  terraform: ${JSON.stringify(actual)}\n  file:      ${JSON.stringify(expected)}`);
  };
  for (const [address, { value }] of Object.entries(values)) {
    if (!address.startsWith('integration_action__')) continue;
    const file = JSON.parse(
      fill(readFileSync(join(flowDir, 'genesys/data-actions', `${address.slice('integration_action__'.length)}.json`), 'utf8')),
    );
    same(`${address} name`, value.name, file.name);
    same(`${address} request`, value.config_request, {
      request_type: file.config.request.requestType,
      request_url_template: file.config.request.requestUrlTemplate,
      request_template: file.config.request.requestTemplate,
      headers: file.config.request.headers,
    });
    same(`${address} response`, value.config_response, {
      translation_map: file.config.response.translationMap,
      translation_map_defaults: file.config.response.translationMapDefaults,
      success_template: file.config.response.successTemplate,
    });
    same(`${address} contract_input`, JSON.parse(value.contract_input), file.contract.input.inputSchema);
    same(`${address} contract_output`, JSON.parse(value.contract_output), file.contract.output.successSchema);
  }
  for (const [address, { value }] of Object.entries(values)) {
    if (address.startsWith('flow__'))
      same(
        `${address} filepath`,
        resolve(work, value.filepath),
        resolve(work, '..', 'genesys', `${address.slice(6).replace('_', '-')}.yaml`),
      );
  }
  console.log(failures === 0 ? `ok: ${Object.keys(values).length} resources read back as the Genesys files` : `${failures} differences`);
  process.exitCode = failures === 0 ? 0 : 1;
} finally {
  rmSync(work, { recursive: true, force: true });
}
