import type { CompiledFlow } from '../../src/simulate/engines.js';
import { MockBackend, type AuditEntry } from '../../src/contract/mock/backend.js';
import { readFixtures, type MockFixtures } from '../../src/contract/mock/fixtures.js';
import { readRepoFile } from '../helpers/fixtures.js';
import type { Fault } from '../../src/contract/mock/faults.js';
import { startMockServer, type RunningMock } from '../../src/contract/mock/server.js';

export const DEV_TOKEN = 'dev-token-for-tests';

/** The fixtures file the docs name and `ivrflow init` writes: the customers of flows/identity-promotion.test.yaml. */
export const EXAMPLE_FIXTURES_FILE = 'examples/contract/identity-promotion.mock.yaml';

/** The example fixtures, read as `ivrflow mock --fixtures` reads them (the benchmark reads the same file). */
export function exampleFixtures(overrides: Partial<MockFixtures> = {}): MockFixtures {
  const loaded = readFixtures(EXAMPLE_FIXTURES_FILE, Buffer.from(readRepoFile(EXAMPLE_FIXTURES_FILE), 'utf8'));
  if (!loaded.value || loaded.diagnostics.length > 0) throw new Error(`${EXAMPLE_FIXTURES_FILE} does not load`);
  return { ...loaded.value, ...overrides };
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
