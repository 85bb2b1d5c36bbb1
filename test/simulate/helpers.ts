import { checkSpec, type CompileOptions } from '../../src/pipeline.js';
import { parseTenantCatalog } from '../../src/targets/cxone/catalog/index.js';
import type { FlowGraph } from '../../src/ir/nodes.js';
import { drive } from '../../src/simulate/run/drive.js';
import type { CallerEntry, Engine, HttpReply, HttpRequest, Recorder, SimulationInput } from '../../src/targets/engine-contract.js';
import { DEFAULT_CALL } from '../../src/simulate/scenario/load.js';
import { mutateFlow, REPO_INCLUDES, readRepoFile } from '../helpers/fixtures.js';

export function graphOf(text: string, file = 'spec.yaml'): FlowGraph {
  const checked = checkSpec(file, Buffer.from(text, 'utf8'), { readInclude: REPO_INCLUDES });
  if (!checked.graph)
    throw new Error(`the spec does not compile: ${checked.diagnostics.map((diagnostic) => diagnostic.message).join('; ')}`);
  return checked.graph;
}

export function exampleGraph(name: string): FlowGraph {
  return graphOf(readRepoFile(`flows/${name}.yaml`), `${name}.yaml`);
}

/** A call: keys as strings (`silence` for none). */
export function call(caller: readonly string[], transfer: SimulationInput['transfer'] = 'succeeds'): SimulationInput {
  return {
    call: DEFAULT_CALL,
    caller: caller.map((entry): CallerEntry => (entry === 'silence' ? { kind: 'silence' } : { kind: 'keys', keys: entry })),
    transfer,
  };
}

export function ok(body: unknown): HttpReply {
  return { kind: 'response', status: 200, body: JSON.stringify(body) };
}

/** Run synchronously with replies handed out in order (the last one repeats). */
export function simulate(engine: Engine, input: SimulationInput, replies: readonly HttpReply[] = []): Recorder {
  let next = 0;
  const result = drive(engine, input, () => replies[Math.min(next++, replies.length - 1)] ?? { kind: 'networkError' });
  if (result instanceof Promise) throw new Error('expected a synchronous run');
  return result;
}

export function prompts(recorder: Recorder): string[] {
  return recorder.events.flatMap((event) => (event.kind === 'prompt' ? [event.text] : []));
}

export function attributes(recorder: Recorder): Record<string, string> {
  return Object.fromEntries(recorder.events.flatMap((event) => (event.kind === 'attribute' ? [[event.name, event.value]] : [])));
}

export function requests(recorder: Recorder): HttpRequest[] {
  return recorder.events.flatMap((event) => (event.kind === 'request' ? [event.request] : []));
}

export function requestBodies(recorder: Recorder): unknown[] {
  return requests(recorder).map((request) => (request.body === undefined ? undefined : JSON.parse(request.body)));
}

export function steps(recorder: Recorder): string[] {
  return recorder.events.flatMap((event) => (event.kind === 'step' ? [event.step] : []));
}

/**
 * The flows the agreement property test runs on all three engines. Together they use every step
 * kind (test/registry/step-kinds.test.ts checks), so every engine is exercised on every kind.
 */
/**
 * identity-promotion thanking the verified caller by the id the verifier answered (a spec 1.1 TTS
 * template), and promoting no id: allowed, since the id is not the credential, so a prompt is the
 * one place a backend that answers with the code can make it reach.
 */
export const PERSONALISED_PROMPT_FLOW = mutateFlow('identity-promotion', {
  ivrflow: 1.1,
  'steps.promoteIdentity.attributes[customer.id]': undefined,
  'steps.routeByTier.prompt': { tts: 'Thank you, customer {auth.customer_id}. Connecting you to an agent.' },
});

/** The tenant catalog fixture: CXone's TRANSFER and RUNSCRIPT have no public library id. */
export const TENANT_CATALOG_FILE = 'test/cases/cxone-tenant-catalog/catalog.json';

/** Agreement flows whose CXone script needs the tenant catalog (a transfer step). */
const NEEDS_TENANT_CATALOG = new Set(['test/cases/transfer-steps/spec.yaml']);

/** How `ivrflow test` compiles an agreement flow: placeholders kept, includes read from the repository, the tenant catalog where the flow needs it. */
export function agreementOptions(file: string): CompileOptions {
  if (!NEEDS_TENANT_CATALOG.has(file)) return { placeholders: 'keep', readInclude: REPO_INCLUDES };
  const parsed = parseTenantCatalog(readRepoFile(TENANT_CATALOG_FILE), TENANT_CATALOG_FILE);
  if (!parsed.ok) throw new Error(parsed.errors.join('; '));
  return { placeholders: 'keep', readInclude: REPO_INCLUDES, cxoneCatalog: parsed.entries };
}

export const AGREEMENT_FLOWS = [
  'flows/identity-promotion.yaml',
  'flows/pin-with-summary.yaml',
  'flows/international-otp.yaml',
  'flows/hipaa-member-summary.yaml',
  'flows/member-services-menu.yaml',
  'flows/claims-line.yaml',
  'flows/sms-otp.yaml',
  'flows/pin-dob.yaml',
  'test/cases/menu-keys/spec.yaml',
  'test/cases/transfer-steps/spec.yaml',
  'test/simulate/fixtures/conditions-and-assignments.yaml',
  'test/simulate/fixtures/no-secure-section.yaml',
];
