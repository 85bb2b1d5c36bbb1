import type { CompiledFlow } from '../../src/simulate/engines.js';
import { MockBackend, type AuditEntry } from '../../src/contract/mock/backend.js';
import { DEFAULT_FIXTURES, type MockFixtures } from '../../src/contract/mock/fixtures.js';
import type { Fault } from '../../src/contract/mock/faults.js';
import { startMockServer, type RunningMock } from '../../src/contract/mock/server.js';

export const DEV_TOKEN = 'dev-token-for-tests';

/** The customers of flows/identity-promotion.test.yaml: one caller number, two customers told apart by their code. */
export function exampleFixtures(overrides: Partial<MockFixtures> = {}): MockFixtures {
  return {
    ...DEFAULT_FIXTURES,
    customers: [
      {
        identifier: '+15550100100',
        codes: ['123456'],
        profile: { customer_id: 'C-1001', tier: 'platinum', account_status: 'active', routing_priority: 90 },
        faults: [],
      },
      {
        identifier: '+15550100100',
        codes: ['654321'],
        profile: { customer_id: 'C-2002', tier: 'standard', account_status: 'active', routing_priority: 20 },
        faults: [],
      },
    ],
    ...overrides,
  };
}

export interface StartedMock {
  backend: MockBackend;
  server: RunningMock;
  audit: AuditEntry[];
}

export async function startExampleMock(flow: CompiledFlow, faults: Fault[] = [], now?: () => number): Promise<StartedMock> {
  const audit: AuditEntry[] = [];
  const backend = new MockBackend([flow.graph], {
    fixtures: exampleFixtures({ faults }),
    tokens: new Map([['middlewareToken', DEV_TOKEN]]),
    audit: (entry) => audit.push(entry),
    ...(now ? { now } : {}),
  });
  return { backend, server: await startMockServer(backend), audit };
}
