import type { FlowIndex } from '../../flowspec/flow-index.js';
import type { RefUse } from '../../flowspec/ref-uses.js';
import { assertNever } from '../../util/assert.js';
import { defineRule } from '../rule.js';
import { isVerifier } from '../../flowspec/taint.js';

type LeakMessage = 'toAttribute' | 'toCondition' | 'toRoute' | 'toTransfer' | 'toEndpoint' | 'toUrl' | 'toPrompt' | 'toExport';

export const noSensitiveLeak = defineRule({
  id: 'no-sensitive-leak',
  severity: 'error',
  description:
    'A sensitive value, or anything copied or derived from it, never reaches an attribute, a condition, a route, a prompt, another endpoint or an export.',
  protectsCredential: true,
  messages: {
    toAttribute:
      'Attribute `{{attribute}}` carries `{{ref}}`, which holds sensitive `{{source}}`; attributes reach routing, the agent desktop and integrations.',
    toCondition: 'This condition compares `{{ref}}`, which holds sensitive `{{source}}`; a branch on a credential reveals it.',
    toRoute: 'The route chooses its queue by `{{ref}}`, which holds sensitive `{{source}}`.',
    toTransfer: 'The transfer dials `{{ref}}`, which holds sensitive `{{source}}`; the number reaches the carrier and call records.',
    toEndpoint: 'Endpoint `{{endpoint}}` receives `{{ref}}` (sensitive `{{source}}`) as `{{field}}`, but it does not verify credentials.',
    toUrl:
      'The URL of endpoint `{{endpoint}}` carries `{{ref}}` (sensitive `{{source}}`) as {{part}} parameter `{{field}}`; URLs reach access logs, proxies and traces.',
    toPrompt:
      'The prompt of `{{step}}` speaks `{{ref}}`, which holds sensitive `{{source}}`; a prompt reaches the caller, recordings and transcripts.',
    toExport: '`{{ref}}` holds sensitive `{{source}}` and is exported from the secure section.',
  },
  check({ index, analysis, report }) {
    for (const { use, taint } of analysis.taint.uses) {
      const sink = sinkOf(index, use);
      if (!sink) continue;
      const data = { ref: use.ref, source: taint.source, ...sink.data };
      report(sink.message, use.path, data, { related: taint.trail, hint: sink.hint });
    }
  },
});

interface Sink {
  message: LeakMessage;
  data: Record<string, string>;
  hint: string;
}

/** What a read of a tainted value does; undefined when it is no leak (a copy, or the verifier's request). */
function sinkOf(index: FlowIndex, use: RefUse): Sink | undefined {
  switch (use.kind) {
    case 'assign':
      return undefined;
    case 'requestBody':
      if (isVerifier(index, use.endpoint)) return undefined;
      return {
        message: 'toEndpoint',
        data: { endpoint: use.endpoint, field: use.field },
        hint: 'Send a credential only to the endpoint marked `verifiesCredential: true`; send its answer (a customer id) elsewhere.',
      };
    case 'urlParameter':
      return {
        message: 'toUrl',
        data: { endpoint: use.endpoint, field: use.field, part: use.part },
        hint: 'Send a credential only in the request body of the endpoint marked `verifiesCredential: true`, never in a path or query.',
      };
    case 'attribute':
      return {
        message: 'toAttribute',
        data: { attribute: use.attribute },
        hint: 'Promote what the verifier answered (customer id, tier), never the credential or a copy of it.',
      };
    case 'condition':
      return { message: 'toCondition', data: {}, hint: 'Let the verifier judge the credential, and branch on its answer.' };
    case 'routeBy':
      return { message: 'toRoute', data: {}, hint: 'Route by what the verifier answered (the tier).' };
    case 'transferNumber':
      return {
        message: 'toTransfer',
        data: {},
        hint: 'Transfer to a number written in the spec, or held in a variable no credential reaches.',
      };
    case 'prompt':
      return {
        message: 'toPrompt',
        data: { step: use.step },
        hint: 'Never read a credential back to the caller; speak what the verifier answered, or a non-sensitive value such as the last digits of a number.',
      };
    case 'export':
      return { message: 'toExport', data: {}, hint: "Export only the verifier's answer; a copy of a credential is still a credential." };
    default:
      return assertNever(use);
  }
}
