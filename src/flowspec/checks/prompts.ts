import { docUrl } from '../../util/package-info.js';
import { parseTemplate, promptParts } from '../prompts.js';
import type { CheckContext } from './context.js';

/**
 * A `{tts}` template must parse: `{ref}` reads a value, `{{` and `}}` are literal braces, and any other
 * brace is an error rather than text a platform might read as its own variable syntax. Unknown refs
 * are reported with the other refs (checks/references.ts), sensitive ones by the guard and the rules.
 */
export function checkPrompts({ index, sink }: CheckContext): void {
  for (const [id, step] of index.stepEntries) {
    if (!('prompt' in step) || step.prompt === undefined) continue;
    for (const { part, path } of promptParts(step.prompt)) {
      if (part.kind !== 'tts') continue;
      const parsed = parseTemplate(part.tts);
      if (!parsed.ok)
        sink.report({
          code: 'prompt/template',
          message: `${parsed.message} In a \`tts\` template, \`{ref}\` speaks a value.`,
          path: ['steps', id, ...path, 'tts'],
          hint: `Write \`{{\` or \`}}\` for a literal brace, or \`{result.field}\` / \`{variable}\` for a value (${docUrl('spec.md#prompts')}).`,
        });
    }
  }
}
