import { fillPlaceholders } from '../../flowspec/placeholders.js';
import type { RequestExpectation, Scenario } from './types.js';

/**
 * A scenario names requests as the spec writes them (`url: "{{identity_base_url}}/verify"`). With
 * `--env` the artifacts send the filled values, so the expectations are filled from the same
 * environment: one scenario file serves every environment. Only top-level body values are text
 * the spec could carry a placeholder in.
 */
export function fillExpectedRequests(scenarios: readonly Scenario[], environment: ReadonlyMap<string, string> | undefined): Scenario[] {
  if (environment === undefined || environment.size === 0) return [...scenarios];
  return scenarios.map((scenario) => {
    const requests = scenario.expect?.requests;
    if (!scenario.expect || !requests) return scenario;
    const filled = Object.fromEntries(
      Object.entries(requests).map(([endpoint, list]) => [endpoint, list.map((expected) => fillRequest(expected, environment))]),
    );
    return { ...scenario, expect: { ...scenario.expect, requests: filled } };
  });
}

function fillRequest(expected: RequestExpectation, environment: ReadonlyMap<string, string>): RequestExpectation {
  const fill = (text: string) => fillPlaceholders(text, environment);
  const filled: RequestExpectation = { ...expected };
  if (expected.url !== undefined) filled.url = fill(expected.url);
  if (expected.headers) filled.headers = Object.fromEntries(Object.entries(expected.headers).map(([name, value]) => [name, fill(value)]));
  if (expected.body)
    filled.body = Object.fromEntries(
      Object.entries(expected.body).map(([field, value]) => [field, typeof value === 'string' ? fill(value) : value]),
    );
  return filled;
}
