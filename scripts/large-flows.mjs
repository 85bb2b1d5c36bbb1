// Generated flows for the benchmark and the fuzzer: long, retry-rich flows of a chosen size, and a
// spec with a chosen number of errors. Plain JS so `npm run bench`, `npm run fuzz` and the tests share it.
import { stringify } from 'yaml';

const STEPS_PER_BLOCK = 5;

/**
 * A flow of about `steps` steps: blocks of menu gather → lookup → play, each attempt bounded by its own
 * retry, each block leading to the next on success, ending in a route. Every retry's attempt reaches the
 * rest of the flow: the shape that made the retry bodies quadratic.
 */
export function chainFlow(steps) {
  const blocks = Math.max(1, Math.floor(steps / STEPS_PER_BLOCK));
  const flowSteps = {};
  for (let block = 0; block < blocks; block++) {
    const next = block + 1 < blocks ? `retry${block + 1}` : 'done';
    flowSteps[`retry${block}`] = { type: 'retry', maxAttempts: 3, body: `menu${block}`, onExhausted: 'giveUp' };
    flowSteps[`menu${block}`] = {
      type: 'gather',
      prompt: `Press 1 for option ${block}.`,
      into: 'choice',
      digits: 1,
      timeoutSeconds: 10,
      next: `lookup${block}`,
      onNoInput: `retry${block}`,
    };
    flowSteps[`lookup${block}`] = {
      type: 'http',
      endpoint: 'lookup',
      result: `answer${block}`,
      onSuccess: `note${block}`,
      onFailure: `sorry${block}`,
      onTimeout: 'giveUp',
    };
    flowSteps[`note${block}`] = { type: 'assign', set: { last: { ref: `answer${block}.note` } }, next };
    flowSteps[`sorry${block}`] = { type: 'play', prompt: 'Sorry, again.', next: `retry${block}` };
  }
  flowSteps.done = { type: 'route', queue: 'general', priority: 10, onFailure: 'hangUp' };
  flowSteps.giveUp = { type: 'route', queue: 'general', priority: 0, onFailure: 'hangUp' };
  flowSteps.hangUp = { type: 'disconnect', prompt: 'Goodbye.' };
  return stringify({
    ivrflow: 1,
    name: `Chain ${steps}`,
    language: 'en-US',
    start: 'retry0',
    variables: { choice: { type: 'string' }, last: { type: 'string' } },
    endpoints: {
      lookup: {
        method: 'POST',
        url: 'https://crm.example.com/lookup',
        timeoutSeconds: 15,
        body: { ani: { ref: 'call.ani' }, choice: { ref: 'choice' } },
        response: { fields: { note: 'string' } },
      },
    },
    queues: { general: {} },
    steps: flowSteps,
  });
}

/** A flow of `steps` plays, each leading to the next: the plainest chain. */
export function playChain(steps) {
  const flowSteps = {};
  for (let index = 0; index < steps; index++)
    flowSteps[`play${index}`] = { type: 'play', prompt: `Message ${index}.`, next: index + 1 < steps ? `play${index + 1}` : 'done' };
  flowSteps.done = { type: 'route', queue: 'general', priority: 10, onFailure: 'hangUp' };
  flowSteps.hangUp = { type: 'disconnect', prompt: 'Goodbye.' };
  return stringify({ ivrflow: 1, name: `Plays ${steps}`, language: 'en-US', start: 'play0', queues: { general: {} }, steps: flowSteps });
}

/**
 * A flow of about `steps` steps of joins: each condition's two branches (a play each) meet again at
 * the next condition, so every condition after the first is reached from two steps.
 */
export function joinFlow(steps) {
  const diamonds = Math.max(1, Math.floor(steps / 3));
  const flowSteps = {};
  for (let index = 0; index < diamonds; index++) {
    const next = index + 1 < diamonds ? `choose${index + 1}` : 'done';
    flowSteps[`choose${index}`] = {
      type: 'condition',
      if: { ref: 'call.ani', equals: `+1555000${index}` },
      then: `left${index}`,
      else: `right${index}`,
    };
    flowSteps[`left${index}`] = { type: 'play', prompt: `Left ${index}.`, next };
    flowSteps[`right${index}`] = { type: 'play', prompt: `Right ${index}.`, next };
  }
  flowSteps.done = { type: 'route', queue: 'general', priority: 10, onFailure: 'hangUp' };
  flowSteps.hangUp = { type: 'disconnect', prompt: 'Goodbye.' };
  return stringify({ ivrflow: 1, name: `Joins ${steps}`, language: 'en-US', start: 'choose0', queues: { general: {} }, steps: flowSteps });
}

/** A spec with `errors` errors: steps that each point at a step that does not exist. */
export function specWithErrors(errors) {
  const flowSteps = { start: { type: 'play', prompt: 'Hello.', next: 'missing0' } };
  for (let index = 1; index < errors; index++) flowSteps[`play${index}`] = { type: 'play', prompt: 'Hello.', next: `missing${index}` };
  return stringify({ ivrflow: 1, name: 'Errors', language: 'en-US', start: 'start', queues: { general: {} }, steps: flowSteps });
}

/**
 * A flow of `diamonds` condition diamonds in a row: each condition branches to two plays that meet
 * again at the next condition, so every condition after the first is a join of two paths. Inlining
 * joins instead of sharing them doubles the output per diamond.
 */
export function diamondFlow(diamonds) {
  const flowSteps = {};
  for (let index = 0; index < diamonds; index++) {
    const next = index + 1 < diamonds ? `check${index + 1}` : 'done';
    flowSteps[`check${index}`] = {
      type: 'condition',
      if: { ref: 'call.dnis', equals: `+1555${index}` },
      then: `yes${index}`,
      else: `no${index}`,
    };
    flowSteps[`yes${index}`] = { type: 'play', prompt: `Option ${index}.`, next };
    flowSteps[`no${index}`] = { type: 'play', prompt: `Not option ${index}.`, next };
  }
  flowSteps.done = { type: 'route', queue: 'general', priority: 10, onFailure: 'hangUp' };
  flowSteps.hangUp = { type: 'disconnect', prompt: 'Goodbye.' };
  return stringify({
    ivrflow: 1,
    name: `Diamonds ${diamonds}`,
    language: 'en-US',
    start: 'check0',
    queues: { general: {} },
    steps: flowSteps,
  });
}

/** A flow that routes by the caller's number to one of `cases` cases, each its own queue priority. */
export function routeCasesFlow(cases) {
  const routeCases = {};
  for (let index = 0; index < cases; index++)
    routeCases[`+1555${String(index).padStart(4, '0')}`] = { queue: 'general', priority: index % 100 };
  return stringify({
    ivrflow: 1,
    name: `Route cases ${cases}`,
    language: 'en-US',
    start: 'route',
    queues: { general: {} },
    steps: {
      route: { type: 'route', by: { ref: 'call.ani' }, cases: routeCases, default: { queue: 'general', priority: 1 }, onFailure: 'hangUp' },
      hangUp: { type: 'disconnect', prompt: 'Goodbye.' },
    },
  });
}

/**
 * One retry whose successful attempt leads to a path of `steps` plays, then a route: the steps after
 * an attempt's success, which the Genesys layout once nested inside the retry's loop.
 */
export function pathAfterRetry(steps) {
  const flowSteps = {
    ask: { type: 'retry', maxAttempts: 3, body: 'menu', onExhausted: 'hangUp' },
    menu: { type: 'gather', prompt: 'Press 1.', into: 'choice', digits: 1, timeoutSeconds: 10, next: 'play0', onNoInput: 'ask' },
  };
  for (let index = 0; index < steps; index++)
    flowSteps[`play${index}`] = { type: 'play', prompt: `Message ${index}.`, next: index + 1 < steps ? `play${index + 1}` : 'done' };
  flowSteps.done = { type: 'route', queue: 'general', priority: 10, onFailure: 'hangUp' };
  flowSteps.hangUp = { type: 'disconnect', prompt: 'Goodbye.' };
  return stringify({
    ivrflow: 1,
    name: `After a retry ${steps}`,
    language: 'en-US',
    start: 'ask',
    variables: { choice: { type: 'string' } },
    queues: { general: {} },
    steps: flowSteps,
  });
}
