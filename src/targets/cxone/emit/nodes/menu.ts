import type { MenuNode } from '../../../../ir/nodes.js';
import { promptProperties } from '../prompt.js';
import { caption, menuKeyVariable, menuTriesVariable } from '../../conventions.js';
import { action, assignAction } from '../actions.js';
import { matchCase, named, next, stepKey, type DraftAction, type MapContext } from '../draft.js';

/**
 * menu → MENU with one case branch per key (docs/cxone.md §6.3: a case branch is
 * `{type: "case", label: <digit>}`, as in NICE's MENU.xml and the MCP server's menus). No key or an
 * unlisted one takes Default: count the try, ask again while tries remain, then an empty key is no
 * input and any other key no match. MaxDigits 1 with no terminator, so `#` and `*` are keys too.
 */
export function mapMenu(node: MenuNode, ctx: MapContext): DraftAction[] {
  const tries = menuTriesVariable(node.id);
  const key = menuKeyVariable(node.id);
  const ask = stepKey(node.id, 'ask');
  const count = stepKey(node.id, 'count');
  const more = stepKey(node.id, 'more');
  const why = stepKey(node.id, 'why');
  const { Sequence, Phrase } = promptProperties(node.prompt);
  return [
    assignAction(stepKey(node.id), caption(node.id, 'reset tries'), tries, '0', ask, { numeric: true }),
    action(
      ask,
      'MENU',
      caption(node.id),
      {
        Sequence,
        Phrase,
        ClearDigits: 'True',
        MaxDigits: '1',
        Terminator: '',
        Timeout: String(Math.ceil(node.timeoutSeconds)),
        InterDigitTimeout: String(Math.ceil(node.timeoutSeconds)),
        Variable: key,
      },
      [next(count), ...node.choices.map((choice) => matchCase(choice.key, ctx.enter(node, choice.next)))],
    ),
    assignAction(count, caption(node.id, 'count try'), tries, `{${tries}}+1`, more, { numeric: true }),
    action(more, 'IF', caption(node.id, `fewer than ${node.attempts} tries`), { Expression: `${tries} < ${node.attempts}` }, [
      named('True', ask),
      named('False', why),
    ]),
    action(why, 'IF', caption(node.id, 'no key'), { Expression: `${key} = ""` }, [
      named('True', ctx.enter(node, node.onNoInput)),
      named('False', ctx.enter(node, node.onNoMatch)),
    ]),
  ];
}
