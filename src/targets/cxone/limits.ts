import type { FlowGraph } from '../../ir/nodes.js';
import type { EmitProblem } from '../artifact.js';

/** research/cxone.md §2 REST API: "Timeout max 90 s"; applied to the Snippet proxy as well. */
export const REST_TIMEOUT_MAX_SECONDS = 90;
/** research/cxone.md §2 CAPTURE: Timeout 0–60 s (Desktop capture page); assumed for MENU too. */
export const DIGIT_TIMEOUT_MAX_SECONDS = 60;

/** Vendor limits the spec schema allows past, reported at the spec value that breaks them. */
export function checkLimits(graph: FlowGraph): EmitProblem[] {
  const problems: EmitProblem[] = [];
  const called = new Set(graph.nodes.flatMap((node) => (node.kind === 'http' ? [node.endpoint] : [])));
  for (const endpoint of graph.endpoints.filter((candidate) => called.has(candidate.id))) {
    if (endpoint.timeoutSeconds <= REST_TIMEOUT_MAX_SECONDS) continue;
    problems.push({
      code: 'target/limit',
      message: `CXone waits at most ${REST_TIMEOUT_MAX_SECONDS} s for a REST call; \`${endpoint.id}\` asks for ${endpoint.timeoutSeconds} s.`,
      path: [...endpoint.origin, 'timeoutSeconds'],
      hint: `Use ${REST_TIMEOUT_MAX_SECONDS} or less, and remember the REST API action retries twice on its own.`,
    });
  }
  for (const endpoint of graph.endpoints.filter((candidate) => called.has(candidate.id))) {
    for (const field of endpoint.body.filter((entry) => entry.value.type !== 'string')) {
      problems.push({
        code: 'target/unsupported',
        severity: 'warning',
        message: `CXone sends every body value as text: \`${field.field}\` (${field.value.type}) reaches \`${endpoint.id}\` as a JSON string.`,
        path: [...endpoint.origin, 'body', field.field],
        hint: 'asjson() treats every value as a string (research/cxone.md §3); make the middleware accept the text form, or send it as a string on both platforms.',
      });
    }
  }
  for (const node of graph.nodes) {
    if (node.kind !== 'gather') continue;
    for (const [key, seconds] of [
      ['timeoutSeconds', node.timeoutSeconds],
      ['interDigitTimeoutSeconds', node.interDigitTimeoutSeconds],
    ] as const) {
      if (seconds === undefined || seconds <= DIGIT_TIMEOUT_MAX_SECONDS) continue;
      problems.push({
        code: 'target/limit',
        message: `CXone digit timeouts are at most ${DIGIT_TIMEOUT_MAX_SECONDS} s; \`${node.id}\` asks for ${seconds} s.`,
        path: [...node.origin, key],
        hint: `Use ${DIGIT_TIMEOUT_MAX_SECONDS} or less.`,
      });
    }
  }
  return problems;
}
