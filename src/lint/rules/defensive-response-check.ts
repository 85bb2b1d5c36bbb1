import { forEachComparison } from '../../flowspec/ref-uses.js';
import { responseFieldType, responseFieldsOf, responseSuccessOf, type ValueType } from '../../flowspec/types.js';
import { identifierWords } from '../name-words.js';
import { defineRule } from '../rule.js';
import { ownEntry } from '../../util/own.js';

export const defensiveResponseCheck = defineRule({
  id: 'defensive-response-check',
  severity: 'error',
  description:
    'The credential verifier declares what success looks like, and conditions test the success field the way the contract defines it.',
  protectsCredential: false,
  messages: {
    noSuccessCheck:
      'Verifier `{{endpoint}}` does not declare `response.success`: any 2xx answer counts as a verified caller, even one whose body changed shape.',
    successFieldNotText: 'The success field `{{field}}` of `{{endpoint}}` is {{type}}; the contract names a text or boolean status.',
    contradictsContract:
      'This condition tests `{{ref}}` against `{{value}}`, but the contract of `{{endpoint}}` says success is `{{expected}}`.',
  },
  check({ spec, index, report }) {
    for (const [name, endpoint] of Object.entries(spec.endpoints ?? {})) {
      const success = responseSuccessOf(endpoint);
      if (endpoint.verifiesCredential && !success) {
        report(
          'noSuccessCheck',
          ['endpoints', name, 'response'],
          { endpoint: name },
          { onKey: true, hint: successHint(responseFieldsOf(endpoint)) },
        );
      }
      const type = success ? responseFieldType(endpoint, success.field) : undefined;
      if (success && type !== undefined && type !== 'string' && type !== 'boolean')
        report('successFieldNotText', ['endpoints', name, 'response', 'success', 'field'], { endpoint: name, field: success.field, type });
    }
    for (const [id, step] of index.stepsOfType('condition')) {
      forEachComparison(step.if, ['steps', id, 'if'], (comparison, path) => {
        const [result, field] = comparison.ref.split('.');
        const source = result === undefined ? undefined : index.results.get(result);
        const endpoint = source ? ownEntry(spec.endpoints, source.endpoint) : undefined;
        const success = endpoint ? responseSuccessOf(endpoint) : undefined;
        if (!source || !success || field !== success.field) return;
        const value = comparison.equals ?? comparison.notEquals;
        if (value === undefined || (comparison.equals !== undefined && value === success.equals)) return;
        report(
          'contradictsContract',
          path,
          {
            ref: comparison.ref,
            value: `${comparison.notEquals !== undefined ? 'not ' : ''}${String(value)}`,
            endpoint: source.endpoint,
            expected: String(success.equals),
          },
          { hint: 'The http step already branches on the declared success check; branch on its onSuccess / onFailure instead.' },
        );
      });
    }
  },
});

/** Words a verifier's status field is named with, most likely first. */
const STATUS_WORDS = ['status', 'result', 'outcome', 'verified', 'success', 'valid', 'authenticated', 'state'];

/** Suggest a success check on a field the response declares; never on one it does not have. */
function successHint(fields: Record<string, ValueType>): string {
  const candidates = Object.entries(fields).filter(([, type]) => type === 'string' || type === 'boolean');
  // A field named just `status` before one that only contains the word (`account_status` is about the account).
  const exact = STATUS_WORDS.map((word) => candidates.find(([name]) => identifierWords(name).join(' ') === word)).find((found) => found);
  const partial = STATUS_WORDS.map((word) => candidates.find(([name]) => identifierWords(name).includes(word))).find((found) => found);
  const named = exact ?? partial;
  const [field, type] = named ?? candidates[0] ?? [];
  if (field === undefined)
    return 'Declare the status field the verifier answers (e.g. `status: string` under `response.fields`), then `success: { field: status, equals: success }`.';
  const equals = type === 'boolean' ? 'true' : 'success';
  return `Add \`success: { field: ${field}, equals: ${equals} }\` (with the value your verifier answers): it is compiled with an existence guard.`;
}
