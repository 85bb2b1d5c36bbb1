import type { StringPart } from './snippet-syntax.js';

/** Property text: `{var}` and `{obj.member}` substitute (HELP variables: "{VarName}" in action properties); the rest is literal. */
export function propertyParts(value: string): StringPart[] {
  return value
    .split(/(\{[A-Za-z_][A-Za-z0-9_]*(?:\.[A-Za-z_][A-Za-z0-9_]*)?\})/)
    .flatMap((part, index): StringPart[] => (part === '' ? [] : index % 2 === 1 ? [{ ref: part.slice(1, -1) }] : [{ text: part }]));
}
