import { describe, expect, it } from 'vitest';
import { renderGithub } from '../../src/diagnostics/render/github.js';

describe('GitHub workflow annotations', () => {
  it('writes one command per diagnostic with position and title', () => {
    const text = renderGithub([
      {
        code: 'schema/unknown-key',
        severity: 'error',
        message: 'Unknown key.',
        file: 'flows/a.yaml',
        path: [],
        span: { start: { offset: 0, line: 4, column: 5 }, end: { offset: 0, line: 4, column: 9 } },
      },
      { code: 'lint/rule-override', severity: 'info', message: 'Off.', file: 'ivrflow.config.yaml', path: [] },
    ]);
    expect(text).toBe(
      '::error file=flows/a.yaml,line=4,col=5,endLine=4,endColumn=9,title=schema/unknown-key::Unknown key.\n::notice file=ivrflow.config.yaml,title=lint/rule-override::Off.\n',
    );
  });

  it('escapes data and properties so a message cannot start another command', () => {
    const text = renderGithub([
      { code: 'rule/x-y', severity: 'warning', message: '100% wrong\n::error::forged', hint: 'a:b', file: 'dir,with:odd.yaml', path: [] },
    ]);
    expect(text).toBe('::warning file=dir%2Cwith%3Aodd.yaml,title=rule/x-y::100%25 wrong%0A::error::forged%0Aa:b\n');
    expect(text.split('\n').filter(Boolean)).toHaveLength(1);
  });
});
