// The mock middleware under load (npm run bench): 10,000 verifications at concurrency 50 over
// loopback, 2,000 interactions of 5 attempts each, some with wrong codes first. Prints throughput
// and p50/p99, then checks that every interaction's attempts counter, and every
// max_attempts_remaining answered on the way, is exactly what the contract says.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { checkSpec } from '../dist/pipeline.js';
import { MockBackend } from '../dist/contract/mock/backend.js';
import { readFixtures } from '../dist/contract/mock/fixtures.js';
import { startMockServer } from '../dist/contract/mock/server.js';

const INTERACTIONS = 2_000;
const ATTEMPTS = 5;
const CONCURRENCY = 50;
const TOKEN = 'bench-token';

export async function benchMock(root) {
  const graph = checkSpec('identity-promotion.yaml', readFileSync(join(root, 'flows/identity-promotion.yaml'))).graph;
  // The fixtures the docs name and `ivrflow init` writes, read as `ivrflow mock --fixtures` reads them.
  const fixturesFile = 'examples/contract/identity-promotion.mock.yaml';
  const fixtures = readFixtures(fixturesFile, readFileSync(join(root, fixturesFile))).value;
  const backend = new MockBackend([graph], { fixtures, tokens: new Map([['middlewareToken', TOKEN]]), audit: () => {} });
  const server = await startMockServer(backend);
  const url = `${server.url}/api/v1/auth/verify`;
  const samples = [];
  const wrongAnswers = [];
  let next = 0;
  const started = performance.now();
  const worker = async () => {
    while (next < INTERACTIONS) {
      const interaction = next++;
      const wrongFirst = interaction % 6;
      for (let attempt = 0; attempt < ATTEMPTS; attempt++) {
        const body = {
          interaction_id: `bench-${interaction}`,
          customer_identifier: '+15550100100',
          auth_method: 'otp',
          auth_value: attempt < wrongFirst ? '000000' : '123456',
          timestamp: new Date(Date.now() + attempt).toISOString(),
        };
        const sent = performance.now();
        const response = await fetch(url, {
          method: 'POST',
          headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' },
          body: JSON.stringify(body),
        });
        const answer = await response.json();
        samples.push(performance.now() - sent);
        const failures = Math.min(Math.min(attempt + 1, wrongFirst), fixtures.maxAttempts);
        if (answer.max_attempts_remaining !== fixtures.maxAttempts - failures) wrongAnswers.push({ interaction, attempt, answer });
      }
    }
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  const seconds = (performance.now() - started) / 1000;
  await server.close();
  const exact = Array.from(
    { length: INTERACTIONS },
    (_, interaction) => backend.failedAttempts(`bench-${interaction}`) === Math.min(interaction % 6, fixtures.maxAttempts),
  ).filter(Boolean).length;
  samples.sort((a, b) => a - b);
  const at = (fraction) => samples[Math.min(samples.length - 1, Math.ceil(fraction * samples.length) - 1)].toFixed(1);
  return {
    requests: samples.length,
    seconds,
    perSecond: samples.length / seconds,
    p50: at(0.5),
    p99: at(0.99),
    exact,
    wrongAnswers: wrongAnswers.length,
    verifications: backend.verifications,
  };
}

export function describeMockBench(result) {
  return `mock middleware: ${result.requests} verifications at concurrency ${CONCURRENCY} in ${result.seconds.toFixed(2)} s = ${result.perSecond.toFixed(0)}/s, p50 ${result.p50} ms, p99 ${result.p99} ms; attempts counters exact for ${result.exact}/${INTERACTIONS} interactions, ${result.wrongAnswers} wrong max_attempts_remaining answers`;
}
