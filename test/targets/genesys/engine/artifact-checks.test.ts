import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { createGenesysEngine } from '../../../../src/targets/genesys/engine/index.js';
import { EngineError, PlatformLimit } from '../../../../src/targets/engine-contract.js';
import { compile, readRepoFile, ROOT } from '../../../helpers/fixtures.js';
import { call, compileFlow, FLOWS, json, keys, SILENCE, withArtifact, type Compiled } from './harness.js';

/** The engine reads only what the emitter writes today; anything else must fail loudly, with a location. */
function rejection(compiled: Compiled, path: string, change: (text: string) => string): EngineError {
  const artifacts = withArtifact(compiled, path, change);
  try {
    createGenesysEngine(artifacts, compiled.graph);
  } catch (error) {
    expect(error).toBeInstanceOf(EngineError);
    return error as EngineError;
  }
  throw new Error(`the engine accepted the changed ${path}`);
}

describe('genesys engine: artifacts it does not model', () => {
  let compiled: Compiled;
  beforeAll(async () => {
    compiled = await compileFlow('pin-with-summary');
  });

  it('accepts the artifacts as emitted', () => {
    expect(() => createGenesysEngine(compiled.artifacts, compiled.graph)).not.toThrow();
  });

  it('rejects an unknown action, saying where it is', () => {
    const error = rejection(compiled, 'genesys/inbound-call.yaml', (text) => text.replace('- playAudio:', '- playAudioTwice:'));
    expect(error.message).toMatch(/unknown action playAudioTwice/);
    expect(error.where).toBe('inbound-call.yaml: /inboundCall/tasks/0/task/actions/0');
  });

  it('rejects an unknown expression function', () => {
    const error = rejection(compiled, 'genesys/secure-call.yaml', (text) =>
      text.replace('exp: Replace(Replace(Flow.pin', 'exp: Substitute(Replace(Flow.pin'),
    );
    expect(error.message).toMatch(/unknown function Substitute/);
    expect(error.where).toMatch(
      /^secure-call\.yaml: \/secureCall\/tasks\/0\/task\/actions\/0\/loop\/outputs\/loop\/actions\/0\/collectInput\/outputs\/success\/actions\/0\/updateData\/statements\/0\/string\/value\/exp$/,
    );
  });

  it('rejects callData over a secure data action: Genesys finds it only with callDataSecure', () => {
    const error = rejection(compiled, 'genesys/secure-call.yaml', (text) => text.replace('- callDataSecure:', '- callData:'));
    expect(error.message).toMatch(/is a secure data action; Genesys finds it only with callDataSecure/);
  });

  it('rejects a jump to a task the file does not have', () => {
    const error = rejection(compiled, 'genesys/secure-call.yaml', (text) =>
      text.replace(/targetTaskRef: (.*)task\[[^\]]+\]/, 'targetTaskRef: $1task[nowhere]'),
    );
    expect(error.message).toMatch(/names no task of this file \(nowhere\)/);
  });

  it('rejects a function called with the wrong number of arguments', () => {
    expect(rejection(compiled, 'genesys/secure-call.yaml', (text) => text.replace('", ""), "*", "")', '", ""), "*")')).message).toMatch(
      /Replace takes 3 arguments/,
    );
  });

  it('rejects a string escape Architect does not document', () => {
    expect(
      rejection(compiled, 'genesys/secure-call.yaml', (text) => text.replace('Flow.pin, "#", ""', 'Flow.pin, "\\t", ""')).message,
    ).toMatch(/unsupported text in expression/);
  });

  it('rejects an unknown property of a known action', () => {
    expect(rejection(compiled, 'genesys/secure-call.yaml', (text) => text.replace('directAgent:', 'appendSkills:')).message).toMatch(
      /unknown property "appendSkills"/,
    );
  });

  it('rejects a property value it does not model', () => {
    expect(
      rejection(compiled, 'genesys/secure-call.yaml', (text) =>
        text.replace('verificationType: none', 'verificationType: individualDigits'),
      ).message,
    ).toMatch(/only "none" is modelled/);
  });

  it('rejects an unknown updateData statement', () => {
    expect(
      rejection(compiled, 'genesys/secure-call.yaml', (text) =>
        text.replace(/- string:\n(\s+)variable: Flow.pin/, '- json:\n$1variable: Flow.pin'),
      ).message,
    ).toMatch(/unknown updateData statement json/);
  });

  it('rejects a Velocity directive in a request template', () => {
    const error = rejection(compiled, 'genesys/data-actions/verifyPin.json', (text) =>
      text.replace('\\"auth_method\\": \\"pin\\"', '\\"auth_method\\": \\"#if($x)pin#end\\"'),
    );
    expect(error.message).toMatch(/Velocity directive/);
    expect(error.where).toBe('data-actions/verifyPin.json: /config/request/requestTemplate');
  });

  it('rejects a Velocity reference outside the subset', () => {
    expect(
      rejection(compiled, 'genesys/data-actions/verifyPin.json', (text) =>
        text.replace('$esc.jsonString(${input.auth_value})', '$esc.javascript(${input.auth_value})'),
      ).message,
    ).toMatch(/unsupported Velocity reference/);
  });

  it('rejects JSONPath outside `$.a.b`', () => {
    expect(rejection(compiled, 'genesys/data-actions/verifyPin.json', (text) => text.replace('"$.status"', '"$..status"')).message).toMatch(
      /outside the modelled subset/,
    );
  });

  it('rejects a callData naming a data action that no file defines', () => {
    expect(
      rejection(compiled, 'genesys/secure-call.yaml', (text) => text.replace('Verify Caller PIN:', 'Verify Caller PIN v2:')).message,
    ).toMatch(/no data action named "Verify Caller PIN v2"/);
  });

  it('rejects a success output written into a variable of another type', () => {
    expect(
      rejection(compiled, 'genesys/secure-call.yaml', (text) => text.replace('var: Flow.summary_open_tickets', 'var: Flow.summary_summary'))
        .message,
    ).toMatch(/is a string variable, written as integer/);
  });

  it('fails a run that compares NOT_SET without a guard', () => {
    const artifacts = withArtifact(compiled, 'genesys/secure-call.yaml', (text) =>
      text.replace(
        'exp: If(IsNotSetOrEmpty(Flow.auth_status), false, Flow.auth_status == "success")',
        'exp: Flow.auth_status == "success"',
      ),
    );
    const unguarded = { ...compiled, artifacts };
    expect(() => call(unguarded, [keys('1234#')], [json(200, { status: null })])).toThrow(/unguarded == with a NOT_SET operand/);
  });

  it('stops a flow that loops forever', () => {
    const artifacts = withArtifact(compiled, 'genesys/secure-call.yaml', (text) => text.replace('lit: 3', 'lit: 100000'));
    const endless = { ...compiled, artifacts };
    const silences = Array.from({ length: 5000 }, () => ({ kind: 'silence' as const }));
    expect(() => call(endless, silences)).toThrow(/more than 10000 actions/);
  });
});

/** Every spec the golden cases compile for Genesys, with its case options. */
function goldenSpecs(): { name: string; text: string; environment?: Map<string, string> }[] {
  const specs = FLOWS.map((flow) => ({ name: `flows/${flow}.yaml`, text: readRepoFile(`flows/${flow}.yaml`) }));
  for (const entry of readdirSync(join(ROOT, 'test/cases'))) {
    const folder = join(ROOT, 'test/cases', entry);
    if (!existsSync(join(folder, 'spec.yaml'))) continue;
    const options = existsSync(join(folder, 'case.json'))
      ? (JSON.parse(readFileSync(join(folder, 'case.json'), 'utf8')) as { targets?: string[]; env?: Record<string, string> })
      : {};
    if (options.targets && !options.targets.includes('genesys')) continue;
    specs.push({
      name: entry,
      text: readFileSync(join(folder, 'spec.yaml'), 'utf8'),
      ...(options.env ? { environment: new Map(Object.entries(options.env)) } : {}),
    });
  }
  return specs;
}

describe('genesys engine: everything the emitter writes today', () => {
  it.each(goldenSpecs())('reads and runs $name', async ({ name, text, environment }) => {
    const result = await compile(text, { targets: ['genesys'], ...(environment ? { environment } : {}) }, name);
    expect(result.artifacts, 'the case compiles').toBeDefined();
    const compiled = { graph: result.graph!, artifacts: result.artifacts! };
    const silences = Array.from({ length: 10 }, () => SILENCE);
    const run = call(compiled, silences, [], { transfer: 'succeeds' });
    expect(run.recorder.callEnd).toBeDefined();
    expect(run.requests).toEqual([]);
    // A failed transfer ends the call, or (inside the secure flow) meets the blind-transfer limit.
    try {
      expect(call(compiled, silences, [], { transfer: 'fails' }).recorder.callEnd).toBeDefined();
    } catch (error) {
      expect(error).toBeInstanceOf(PlatformLimit);
    }
  });
});
