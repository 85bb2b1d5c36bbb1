import { assertNever } from '../util/assert.js';
import { menuKey, type MenuStepSpec, type StepSpec } from './types.js';

/** A named edge of the step graph: the spec key that holds it and the step it leads to. */
export interface Transition {
  name: string;
  to: string;
  /** Where the edge is written, below the step, when that is not the key `name` (a menu choice). */
  at?: readonly (string | number)[];
}

/** The spec path of a transition's target, for diagnostics. */
export function transitionPath(stepId: string, transition: Transition): (string | number)[] {
  return ['steps', stepId, ...(transition.at ?? [transition.name])];
}

/** The edge name of a menu choice: `key 1`. */
export const choiceTransition = (key: string): string => `key ${key}`;

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
        ...(step.onFailure === undefined ? [] : [{ name: 'onFailure', to: step.onFailure }]),
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
    case 'menu':
      return [...menuChoiceTransitions(step), { name: 'onNoInput', to: step.onNoInput }, { name: 'onNoMatch', to: step.onNoMatch }];
    case 'route':
    case 'transfer':
      return step.onFailure === undefined ? [] : [{ name: 'onFailure', to: step.onFailure }];
    case 'disconnect':
      return [];
    default:
      return assertNever(step);
  }
}

/** A menu's choices as edges; a key listed again is shadowed by its first choice and leads nowhere. */
function menuChoiceTransitions(step: MenuStepSpec): Transition[] {
  const seen = new Set<string>();
  return step.choices.flatMap((choice, index) => {
    const key = menuKey(choice);
    if (seen.has(key)) return [];
    seen.add(key);
    return [{ name: choiceTransition(key), to: choice.next, at: ['choices', index, 'next'] }];
  });
}

/** Steps where a call leaves the flow: a transfer to a queue, a number or a flow, or a hang-up. */
export function isTerminal(step: StepSpec): boolean {
  return step.type === 'route' || step.type === 'transfer' || step.type === 'disconnect';
}
