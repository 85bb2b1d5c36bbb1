import { forEachComparison } from '../../flowspec/ref-uses.js';
import { defineRule } from '../rule.js';

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
      const success = endpoint.response.success;
      if (endpoint.verifiesCredential && !success) {
        report(
          'noSuccessCheck',
          ['endpoints', name, 'response'],
          { endpoint: name },
          { onKey: true, hint: 'Add `success: { field: status, equals: success }`: it is compiled with an existence guard.' },
        );
      }
      const type = success ? endpoint.response.fields[success.field] : undefined;
      if (success && type !== undefined && type !== 'string' && type !== 'boolean')
        report('successFieldNotText', ['endpoints', name, 'response', 'success', 'field'], { endpoint: name, field: success.field, type });
    }
    for (const [id, step] of index.stepsOfType('condition')) {
      forEachComparison(step.if, ['steps', id, 'if'], (comparison, path) => {
        const [result, field] = comparison.ref.split('.');
        const source = result === undefined ? undefined : index.results.get(result);
        const success = source ? spec.endpoints?.[source.endpoint]?.response.success : undefined;
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
