import { assertNever } from '../util/assert.js';
import type { StepSpec } from './types.js';

/** A named edge of the step graph: the spec key that holds it and the step it leads to. */
export interface Transition {
  name: string;
  to: string;
}

/** The one place that knows which keys of each step type are transitions. */
export function stepTransitions(step: StepSpec): Transition[] {
  switch (step.type) {
    case 'play':
    case 'assign':
    case 'setAttributes':
      return [{ name: 'next', to: step.next }];
    case 'gather':
      return [
        { name: 'next', to: step.next },
        { name: 'onNoInput', to: step.onNoInput },
      ];
    case 'http':
      return [
        { name: 'onSuccess', to: step.onSuccess },
        { name: 'onFailure', to: step.onFailure },
        { name: 'onTimeout', to: step.onTimeout },
      ];
    case 'condition':
      return [
        { name: 'then', to: step.then },
        { name: 'else', to: step.else },
      ];
    case 'retry':
      return [
        { name: 'body', to: step.body },
        { name: 'onExhausted', to: step.onExhausted },
      ];
    case 'route':
      return step.onFailure === undefined ? [] : [{ name: 'onFailure', to: step.onFailure }];
    case 'disconnect':
      return [];
    default:
      return assertNever(step);
  }
}

/** Steps where a call leaves the flow: a transfer to a queue or a hang-up. */
export function isTerminal(step: StepSpec): boolean {
  return step.type === 'route' || step.type === 'disconnect';
}
