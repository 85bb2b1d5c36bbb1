import { describe, expect, it } from 'vitest';
import type { Diagnostic } from '../../src/diagnostics/diagnostic.js';
import { MAX_SARIF_RESULTS, renderSarif } from '../../src/diagnostics/render/sarif.js';

const span = (line: number, column: number, endColumn: number) => ({
  start: { offset: 0, line, column },
  end: { offset: 0, line, column: endColumn },
});
const leak: Diagnostic = {
  code: 'rule/no-sensitive-leak',
  severity: 'error',
  message: 'Attribute `debug` carries `otp`.',
  file: 'flows/my flow.yaml',
  path: ['steps', 'promote'],
  span: span(12, 7, 20),
  related: [{ message: 'the sensitive variable', file: 'flows/my flow.yaml', path: ['variables', 'otp'], span: span(3, 3, 6) }],
};
const note: Diagnostic = {
  code: 'lint/rule-override',
  severity: 'info',
  message: 'Rule off.',
  file: 'ivrflow.config.yaml',
  path: [],
  span: span(2, 3, 9),
};
const options = {
  toolVersion: '9.9.9',
  informationUri: 'https://example.test/',
  rules: [
    {
      id: 'rule/no-sensitive-leak',
      description: 'No leaks.',
      defaultLevel: 'error' as const,
      helpUri: 'https://example.test/docs/rules/no-sensitive-leak.md',
    },
  ],
};

describe('SARIF renderer', () => {
  const sarif = JSON.parse(renderSarif([leak, note], options));
  const run = sarif.runs[0];

  it('has the fields GitHub code scanning requires', () => {
    expect(sarif.version).toBe('2.1.0');
    expect(run.tool.driver).toMatchObject({ name: 'ivrflow', version: '9.9.9' });
    for (const result of run.results) {
      expect(result.message.text.length).toBeGreaterThan(0);
      expect(result.locations[0].physicalLocation.region.startLine).toBeGreaterThanOrEqual(1);
      expect(run.tool.driver.rules[result.ruleIndex].id).toBe(result.ruleId);
    }
  });

  it('locates results by relative, percent-encoded URI and 1-based region, with related locations', () => {
    const [first] = run.results;
    expect(first.locations[0].physicalLocation).toEqual({
      artifactLocation: { uri: 'flows/my%20flow.yaml' },
      region: { startLine: 12, startColumn: 7, endLine: 12, endColumn: 20 },
    });
    expect(first.relatedLocations[0]).toMatchObject({
      id: 1,
      message: { text: 'the sensitive variable' },
      physicalLocation: { region: { startLine: 3 } },
    });
  });

  it('describes each rule once, with its help link, and maps info to note', () => {
    expect(run.tool.driver.rules.map((rule: { id: string }) => rule.id)).toEqual(['lint/rule-override', 'rule/no-sensitive-leak']);
    expect(run.tool.driver.rules[1]).toMatchObject({
      helpUri: 'https://example.test/docs/rules/no-sensitive-leak.md',
      defaultConfiguration: { level: 'error' },
    });
    expect(run.results[1].level).toBe('note');
  });

  it(`keeps at most ${MAX_SARIF_RESULTS} results and says how many it left out`, () => {
    const many = Array.from({ length: MAX_SARIF_RESULTS + 3 }, () => leak);
    const truncated = JSON.parse(renderSarif(many, options)).runs[0];
    expect(truncated.results).toHaveLength(MAX_SARIF_RESULTS);
    expect(truncated.properties.truncated).toMatch(/^3 results left out/);
  });
});
