import { mutateFlow, positionOf } from '../helpers/fixtures.js';

/** identity-promotion with one more gather between the greeting and the secure section. */
export function withExtraGather(
  id: string,
  variable: string,
  prompt: string,
  edits: Record<string, unknown> = {},
  digits: unknown = 8,
): string {
  return mutateFlow('identity-promotion', {
    [`variables.${variable}`]: { type: 'string' },
    'steps.greeting.next': id,
    [`steps.${id}`]: {
      type: 'gather',
      prompt,
      into: variable,
      digits,
      terminator: '#',
      timeoutSeconds: 10,
      next: 'authenticate',
      onNoInput: 'authenticate',
    },
    ...edits,
  });
}

/** Where the mapping key `key` (followed by a nested block) starts. */
export function keyAt(spec: string, key: string, occurrence = 1) {
  const { line, column } = positionOf(spec, ` ${key}:\n`, occurrence);
  return { line, column: column + 1 };
}

/** Where the value of `key: value` starts. */
export function valueAt(spec: string, key: string, value: string, occurrence = 1) {
  const { line, column } = positionOf(spec, `${key}: ${value}`, occurrence);
  return { line, column: column + key.length + 2 };
}

/** Where the value of the `occurrence`-th `ref: <name>` sits (block or flow style). */
export function refAt(spec: string, name: string, occurrence = 1) {
  const match = [...spec.matchAll(new RegExp(`ref: ${name.replace('.', '\\.')}(?=[\\s}])`, 'g'))][occurrence - 1];
  if (!match) throw new Error(`refAt: \`${name}\` appears fewer than ${occurrence} times`);
  const before = spec.slice(0, match.index).split('\n');
  return { line: before.length, column: before[before.length - 1]!.length + 1 + 'ref: '.length };
}
