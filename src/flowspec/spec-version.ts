import type { SpecPath } from '../diagnostics/diagnostic.js';
import type { CheckContext } from './checks/context.js';
import type { FlowIndex } from './flow-index.js';
import { successStatusesOf, type FlowSpec, type StepSpec } from './types.js';
import { isStructuredPrompt } from './prompts.js';

/** The spec versions this ivrflow reads (`ivrflow:` at the top of a spec). */
export const SPEC_VERSIONS: readonly number[] = [1, 1.1];
export const LATEST_SPEC_VERSION = 1.1;
/**
 * An included file's version line (`include.ts`), named apart from `ivrflow:` as a scenario file's
 * `ivrflowTest:` is, so that a folder given to `validate`, `generate` or `test` never reads one as a flow.
 */
export const INCLUDED_VERSION_KEY = 'ivrflowInclude';

/** One feature a spec may use only when it declares the version that added it. */
interface SpecFeature {
  version: number;
  /** What the feature is, as the error names it. */
  name: string;
  /** Where a spec uses it: the keys the error points at. */
  uses(index: FlowIndex): SpecPath[];
}

/**
 * Every feature newer than version 1, in one list (docs/spec.md, "What's new in 1.1"). A spec that
 * uses one without declaring its version gets a positioned error instead of a silent reinterpretation.
 */
export const SPEC_FEATURES: readonly SpecFeature[] = [
  { version: 1.1, name: 'endpoint path parameters (`path`)', uses: ({ spec }) => endpointKeys(spec, 'path') },
  { version: 1.1, name: 'endpoint query parameters (`query`)', uses: ({ spec }) => endpointKeys(spec, 'query') },
  {
    version: 1.1,
    name: '`response: none`',
    uses: ({ spec }) => endpointsWhere(spec, (endpoint) => endpoint.response === 'none').map((id) => ['endpoints', id, 'response']),
  },
  {
    version: 1.1,
    name: '`response: { successStatuses }`',
    uses: ({ spec }) =>
      endpointsWhere(spec, (endpoint) => successStatusesOf(endpoint) !== undefined).map((id) => ['endpoints', id, 'response']),
  },
  {
    version: 1.1,
    name: 'the `DELETE` method',
    uses: ({ spec }) => endpointsWhere(spec, (endpoint) => endpoint.method === 'DELETE').map((id) => ['endpoints', id, 'method']),
  },
  { version: 1.1, name: 'the `menu` step', uses: (index) => stepsOfType(index, 'menu') },
  { version: 1.1, name: 'the `transfer` step', uses: (index) => stepsOfType(index, 'transfer') },
  { version: 1.1, name: '`include` of shared files', uses: ({ spec }) => (spec.include === undefined ? [] : [['include']]) },
  {
    version: 1.1,
    name: 'prompt parts (`{tts}`, `{audio, tts}`) and prompt sequences',
    uses: (index) => stepsWhere(index, (step) => 'prompt' in step && isStructuredPrompt(step.prompt), 'prompt'),
  },
];

function stepsOfType(index: FlowIndex, type: string): SpecPath[] {
  return stepsWhere(index, (step) => step.type === type, 'type');
}

/** Run for each feature of a version-1 spec: the index's step list, without a new entries array each. */
function stepsWhere(index: FlowIndex, test: (step: StepSpec) => boolean, key: string): SpecPath[] {
  const paths: SpecPath[] = [];
  for (const [id, step] of index.stepEntries) if (test(step)) paths.push(['steps', id, key]);
  return paths;
}

type EndpointOf = NonNullable<FlowSpec['endpoints']>[string];

/** Run for each feature of a version-1 spec: a plain loop, without the entries and arrays of a flatMap. */
function endpointsWhere(spec: FlowSpec, test: (endpoint: EndpointOf) => boolean): string[] {
  const ids: string[] = [];
  const endpoints = spec.endpoints ?? {};
  for (const id of Object.keys(endpoints)) if (test(endpoints[id]!)) ids.push(id);
  return ids;
}

function endpointKeys(spec: FlowSpec, key: 'path' | 'query'): SpecPath[] {
  return endpointsWhere(spec, (endpoint) => endpoint[key] !== undefined).map((id) => ['endpoints', id, key]);
}

/** A feature newer than the declared `ivrflow:` version is an error at each place it is used. */
export function checkSpecVersion({ spec, index, sink }: CheckContext): void {
  for (const feature of SPEC_FEATURES) {
    if (spec.ivrflow >= feature.version) continue;
    for (const path of feature.uses(index))
      sink.report({
        code: 'schema/version',
        message: `${capitalize(feature.name)} needs spec version ${feature.version}; this spec declares \`ivrflow: ${spec.ivrflow}\`.`,
        path,
        onKey: true,
        hint: `Declare \`ivrflow: ${feature.version}\` on the first line (version ${feature.version} reads every version 1 spec unchanged).`,
      });
  }
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
