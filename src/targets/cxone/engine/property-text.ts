import type { StringPart } from './snippet-syntax.js';

/**
 * Property text: `{var}` and `{obj.member}` substitute (HELP variables: "{VarName}" in action
 * properties); a deploy-time `{{placeholder}}` and everything else is literal text.
 */
export function propertyParts(value: string): StringPart[] {
  return value.split(/(\{\{[A-Za-z0-9_.-]+\}\}|\{[A-Za-z_][A-Za-z0-9_]*(?:\.[A-Za-z_][A-Za-z0-9_]*)?\})/).flatMap((part): StringPart[] => {
    if (part === '') return [];
    return /^\{[A-Za-z_]/.test(part) ? [{ ref: part.slice(1, -1) }] : [{ text: part }];
  });
}
