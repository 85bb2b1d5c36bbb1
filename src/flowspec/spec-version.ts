import type { SpecPath } from '../diagnostics/diagnostic.js';
import type { CheckContext } from './checks/context.js';
import type { FlowSpec } from './types.js';

/** The spec versions this ivrflow reads, oldest first. */
export const SPEC_VERSIONS = [1, 1.1] as const;
export type SpecVersion = (typeof SPEC_VERSIONS)[number];
export const LATEST_SPEC_VERSION: SpecVersion = 1.1;

/** A construct a spec may use only from `since` on; `find` returns where the spec uses it. */
interface VersionedFeature {
  name: string;
  since: SpecVersion;
  find(spec: FlowSpec): SpecPath[];
}

const stepsOfType = (spec: FlowSpec, type: string): SpecPath[] =>
  Object.entries(spec.steps)
    .filter(([, step]) => step.type === type)
    .map(([id]) => ['steps', id, 'type']);

/** Every feature newer than version 1. */
export const VERSIONED_FEATURES: readonly VersionedFeature[] = [
  { name: 'the `menu` step', since: 1.1, find: (spec) => stepsOfType(spec, 'menu') },
];

export function isSpecVersion(value: unknown): value is SpecVersion {
  return SPEC_VERSIONS.includes(value as SpecVersion);
}

/** A feature newer than the declared version is an error where it is used, not a silent upgrade. */
export function checkSpecVersion({ spec, sink }: CheckContext): void {
  for (const feature of VERSIONED_FEATURES) {
    if (spec.ivrflow >= feature.since) continue;
    for (const path of feature.find(spec))
      sink.report({
        code: 'schema/version',
        message: `${capitalize(feature.name)} needs spec version ${feature.since}; this spec declares \`ivrflow: ${spec.ivrflow}\`.`,
        path,
        hint: `Declare \`ivrflow: ${feature.since}\` on the first line.`,
      });
  }
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
