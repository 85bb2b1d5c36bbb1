import { menuKey } from '../types.js';
import type { CheckContext } from './context.js';

/**
 * A menu acts on the first choice for a key (docs/spec.md, `menu`), so a later choice for the same
 * key can never be taken: a warning at the shadowed key, pointing at the choice that wins.
 */
export function checkMenus({ index, sink }: CheckContext): void {
  for (const [id, step] of index.stepsOfType('menu')) {
    const first = new Map<string, number>();
    step.choices.forEach((choice, position) => {
      const key = menuKey(choice);
      const winner = first.get(key);
      if (winner === undefined) return void first.set(key, position);
      sink.report({
        code: 'graph/unreachable-choice',
        severity: 'warning',
        message: `Menu \`${id}\` already sends key \`${key}\` to \`${step.choices[winner]!.next}\`; this choice is never taken.`,
        path: ['steps', id, 'choices', position, 'key'],
        hint: 'Give the choice another key, or delete it.',
        related: [{ message: 'the choice that wins', path: ['steps', id, 'choices', winner, 'key'] }],
      });
    });
  }
}
