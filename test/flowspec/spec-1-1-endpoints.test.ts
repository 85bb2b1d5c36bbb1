import { describe, expect, it } from 'vitest';
import { check, compile, exampleEnvironment, mutateFlow, positionOf } from '../helpers/fixtures.js';

const hipaa = (edits: Record<string, unknown>) => mutateFlow('hipaa-member-summary', edits);
const errors = (text: string) => check(text).filter((diagnostic) => diagnostic.severity === 'error');

describe('spec 1.1 endpoints', () => {
  it('checks the example flow clean', () => {
    expect(errors(hipaa({}))).toEqual([]);
  });

  it('asks a version 1 spec to declare 1.1 at each place it uses a 1.1 feature', () => {
    const text = hipaa({ ivrflow: 1 });
    const found = errors(text).filter((diagnostic) => diagnostic.code === 'schema/version');
    expect(found.map((diagnostic) => diagnostic.path.join('.')).sort()).toEqual([
      'endpoints.auditAccess.query',
      'endpoints.auditAccess.response',
      'endpoints.memberSummary.path',
      'endpoints.memberSummary.query',
    ]);
    const path = found.find((diagnostic) => diagnostic.path.join('.') === 'endpoints.memberSummary.path')!;
    expect(path.span?.start).toMatchObject(positionOf(text, 'path:'));
    expect(path.hint).toContain('ivrflow: 1.1');
  });

  it('accepts DELETE only in 1.1', () => {
    const text = hipaa({ ivrflow: 1, 'endpoints.memberSummary.method': 'DELETE' });
    expect(errors(text).map((diagnostic) => diagnostic.path.join('.'))).toContain('endpoints.memberSummary.method');
  });

  it.each(['GET', 'DELETE'])('refuses a body on a %s, at the body key', (method) => {
    const text = hipaa({ 'endpoints.memberSummary.method': method, 'endpoints.memberSummary.body': { channel: 'ivr' } });
    const found = errors(text).filter((diagnostic) => diagnostic.code === 'endpoint/body-not-allowed');
    expect(found).toHaveLength(1);
    expect(found[0]!.span?.start).toMatchObject(positionOf(text, 'body:', 2));
    expect(found[0]!.hint).toContain('query');
  });

  it('names a {parameter} of the url that path does not give, and a path entry the url never uses', () => {
    const missing = errors(hipaa({ 'endpoints.memberSummary.url': 'https://members.example.com/m/{memberId}/{planId}' }));
    expect(missing.map((diagnostic) => [diagnostic.code, diagnostic.message])).toEqual([
      ['endpoint/path-parameter', expect.stringContaining('`{planId}`')],
    ]);
    const unused = errors(hipaa({ 'endpoints.memberSummary.url': 'https://members.example.com/m/{memberid}' }));
    expect(unused.map((diagnostic) => diagnostic.path.join('.'))).toEqual([
      'endpoints.memberSummary.url',
      'endpoints.memberSummary.path.memberId',
    ]);
    expect(unused[0]!.hint).toContain('memberId');
  });

  it('keeps {{placeholders}} apart from path parameters', () => {
    expect(errors(hipaa({ 'endpoints.memberSummary.url': '{{member_api_base_url}}/m/{memberId}?v={{api_version}}' }))).toEqual([]);
  });

  it('resolves path and query refs like any other ref', () => {
    const found = errors(hipaa({ 'endpoints.memberSummary.path.memberId': { ref: 'auth.memberid' } }));
    expect(found.map((diagnostic) => diagnostic.code)).toEqual(['ref/unknown-field']);
  });

  it('gives a response: none endpoint no fields to read', () => {
    const found = errors(hipaa({ 'steps.attachSummary.attributes[member.audit]': { ref: 'audited.recorded' } }));
    expect(found.map((diagnostic) => diagnostic.code)).toContain('ref/unknown-field');
  });

  it('reports a sensitive value in a query through the policy rule, at the ref', () => {
    const text = hipaa({ 'endpoints.verifyMember.query': { pin: { ref: 'pin' } } });
    const leak = check(text).find((diagnostic) => diagnostic.code === 'rule/no-sensitive-leak');
    expect(leak?.messageId).toBe('toUrl');
    expect(leak?.path.join('.')).toBe('endpoints.verifyMember.query.pin.ref');
    expect(leak?.span?.start.line).toBeGreaterThan(positionOf(text, 'query:').line);
  });

  it('percent-encodes literal path and query values at compile time, so no Velocity or Snippet syntax survives', async () => {
    const text = hipaa({ 'endpoints.memberSummary.query.channel': 'a$b#c {d}"e' });
    const result = await compile(text, { environment: exampleEnvironment() });
    const action = JSON.parse(result.artifacts!.find((artifact) => artifact.path.endsWith('memberSummary.json'))!.contents) as {
      config: { request: { requestUrlTemplate: string } };
    };
    expect(action.config.request.requestUrlTemplate).toBe(
      'https://members.example.com/api/v1/members/$esc.uriEncode(${input.path_memberId})/summary?fields=plan%2Clast_claim_status&channel=a%24b%23c%20%7Bd%7D%22e',
    );
    const script = result.artifacts!.find((artifact) => artifact.target === 'cxone')!.contents;
    expect(script).toContain('channel=a%24b%23c%20%7Bd%7D%22e');
    expect(script).toContain('ASSIGN ivrflow_lookupSummary_url_0 = auth_member_id.urlencode()');
  });
});
