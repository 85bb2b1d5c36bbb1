import type { MenuNode } from '../../../../ir/nodes.js';
import { promptAudio } from './play.js';
import { duration, exp, lit, NO_VALUE, type ArchyAction } from '../archy.js';
import { useVariable, type FlowContext } from '../context.js';
import { stringLiteral } from '../expression.js';
import { MENU_LONE_KEYS } from '../../unverified.js';

/**
 * A menu is built from actions the Architect core accepts and published flows use (docs/genesys.md
 * §2.1, §2.4, §2.8, §9.2), not from Archy's flow-level `menus:`, which the offline oracle's
 * translator cannot judge (docs/genesys.md, "menu"): a `loop` of `attempts` passes, each a
 * one-key `collectInput` (exact mode, so the key completes the entry) whose listed keys leave the loop
 * (`loopExit`). After the loop, one `decision` per choice sends the key on; none left means the last
 * pass had no key ("" after a failure) or an unlisted one.
 */
export function compileMenu(node: MenuNode, context: FlowContext): ArchyAction[] {
  const key = useVariable(context, context.variables.menuKey(node.id), true, node.origin);
  const tryIndex = useVariable(context, context.variables.menuTry(node.id), true, node.origin);
  const listed = node.choices.map((choice) => `${key} == ${stringLiteral(choice.key, context, [...node.origin, 'choices'])}`).join(' or ');
  const collect: ArchyAction = {
    collectInput: {
      name: node.id,
      inputData: { var: key },
      digits: { exact: 1 },
      includeTerminatingDtmfInResultData: false,
      interDigitTimeout: NO_VALUE,
      noEntryTimeout: duration(node.timeoutSeconds),
      inputAudio: promptAudio(node.prompt, context, node.origin),
      // Every key is an entry, so an unlisted `*` or `#` is a no-match as the spec says (MENU_LONE_KEYS).
      acceptJustStar: lit(MENU_LONE_KEYS),
      acceptJustPound: lit(MENU_LONE_KEYS),
      verificationType: 'none',
      outputs: {
        success: {
          actions: [
            {
              decision: {
                name: `${node.id}: listed key?`,
                condition: exp(listed),
                outputs: { yes: { actions: [{ loopExit: { name: `${node.id}: chosen` } }] }, no: { actions: [nextTry(node)] } },
              },
            },
          ],
        },
        failure: {
          actions: [
            { updateData: { name: `${node.id}: no key`, statements: [{ string: { variable: key, value: lit('') } }] } },
            nextTry(node),
          ],
        },
      },
    },
  };
  const loop: ArchyAction = {
    loop: {
      name: `${node.id}: tries`,
      loopCount: lit(node.attempts),
      currentIndex: { var: tryIndex },
      outputs: { loop: { actions: [collect] } },
    },
  };
  return [loop, ...dispatch(node, key, 0, context)];
}

function nextTry(node: MenuNode): ArchyAction {
  return { loopNext: { name: `${node.id}: try again` } };
}

/** The decision for choice `position`, nesting the rest in its `no` output. */
function dispatch(node: MenuNode, key: string, position: number, context: FlowContext): ArchyAction[] {
  const choice = node.choices[position];
  if (choice === undefined)
    return [
      {
        decision: {
          name: `${node.id}: no key?`,
          condition: exp(`IsNotSetOrEmpty(${key})`),
          outputs: { yes: { actions: context.follow(node.onNoInput) }, no: { actions: context.follow(node.onNoMatch) } },
        },
      },
    ];
  const path = [...node.origin, 'choices'];
  return [
    {
      decision: {
        name: `${node.id}: key ${choice.key}`,
        condition: exp(`${key} == ${stringLiteral(choice.key, context, path)}`),
        outputs: { yes: { actions: context.follow(choice.next) }, no: { actions: dispatch(node, key, position + 1, context) } },
      },
    },
  ];
}
