import { describe, expect, it } from 'vitest';
import { requestAsSent } from '../../src/contract/vendor-requests.js';
import { compiledExample, vendorEngines } from './helpers.js';

const CALL = { ani: '+15550100100', dnis: '+18005550100', id: 'probe-1', timestamp: '2026-03-01T10:00:05Z' };

describe('requestAsSent', () => {
  it('gets each vendor artifact request for the endpoint, with the vendor value formats', async () => {
    const flow = await compiledExample('identity-promotion');
    const [genesys, cxone] = await vendorEngines(flow);
    const endpoint = flow.graph.endpoints[0]!;
    const fromGenesys = requestAsSent(genesys!, flow.graph, endpoint, { call: CALL, credential: '123456' });
    const fromCxone = requestAsSent(cxone!, flow.graph, endpoint, { call: CALL, credential: '123456' });
    if (!fromGenesys.ok || !fromCxone.ok) throw new Error('no request');
    const genesysBody = JSON.parse(fromGenesys.request.body!) as Record<string, string>;
    const cxoneBody = JSON.parse(fromCxone.request.body!) as Record<string, string>;
    for (const body of [genesysBody, cxoneBody]) {
      expect(body).toMatchObject({
        interaction_id: 'probe-1',
        customer_identifier: '+15550100100',
        auth_method: 'otp',
        auth_value: '123456',
      });
      expect(Date.parse(body['timestamp']!)).toBe(Date.parse(CALL.timestamp));
    }
    // Genesys renders the instant as ISO 8601, CXone's {gmt} as RFC 1123.
    expect(genesysBody['timestamp']).toMatch(/^2026-03-01T10:00:05(\.000)?Z$/);
    expect(cxoneBody['timestamp']).toBe('Sun, 01 Mar 2026 10:00:05 GMT');
    for (const sent of [fromGenesys.request, fromCxone.request]) {
      expect(sent.method).toBe('POST');
      expect(sent.headers['authorization']).toBe('Bearer <secret:middlewareToken>');
      expect(sent.timeoutSeconds).toBe(15);
    }
  });

  it('answers the gathers on the way and passes the endpoints called before the target', async () => {
    const flow = await compiledExample('pin-with-summary');
    const [genesys, cxone] = await vendorEngines(flow);
    const summary = flow.graph.endpoints.find((endpoint) => endpoint.id === 'accountSummary')!;
    for (const engine of [genesys!, cxone!]) {
      const placeholders = requestAsSent(engine, flow.graph, summary, { call: CALL, credential: '4321' });
      // A placeholder account status sends the call to account services, never to the summary lookup.
      expect(placeholders).toMatchObject({ ok: false, reason: expect.stringContaining('without calling accountSummary') as string });
      const verifyPin = JSON.stringify({ status: 'success', customer_id: 'C-1', tier: 'gold', account_status: 'active' });
      const sent = requestAsSent(engine, flow.graph, summary, {
        call: CALL,
        credential: '4321',
        replies: new Map([['verifyPin', verifyPin]]),
      });
      if (!sent.ok) throw new Error(sent.reason);
      expect(JSON.parse(sent.request.body!)).toMatchObject({ customer_id: 'C-1' });
      expect(sent.request.endpoint).toBe('accountSummary');
      expect(JSON.parse(sent.request.body!)).toMatchObject({ interaction_id: 'probe-1' });
    }
  });
});
