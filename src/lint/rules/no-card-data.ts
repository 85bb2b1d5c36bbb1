import type { FlowSpec, GatherStepSpec, Value } from '../../flowspec/types.js';
import { promptProse } from '../../flowspec/prompts.js';
import { isRefValue } from '../../flowspec/types.js';
import { findPhrase, identifierWords, maxDigits, phraseList, proseWords } from '../name-words.js';
import { defineRule } from '../rule.js';

type CardData = 'card number' | 'card security code (CVV)' | 'card expiry date';

/** ISO/IEC 7812 primary account numbers are 13 to 19 digits long (PCI DSS glossary: PAN). */
const PAN_LENGTH = { min: 13, max: 19 };
/** The shortest card data is a 3-digit CVV. */
const MIN_CARD_DIGITS = 3;
const CARD_NUMBER_PHRASES = phraseList([
  'card number',
  'card num',
  'card no',
  'cardnumber',
  'pan',
  'credit card',
  'debit card',
  'cc number',
  'ccn',
  'ccnum',
]);
const CVV_PHRASES = phraseList(['cvv', 'cvc', 'cvn', 'csc', 'card security code', 'card verification', 'card code']);
/** Alone, "expiry" is often an OTP or session expiry: it needs a date or card word next to it. */
const EXPIRY_WORDS = phraseList(['expiry', 'expiration', 'expires', 'exp']);
const EXPIRY_CONTEXT = phraseList(['card', 'cc', 'date', 'month', 'year', 'mm', 'yy', 'mmyy']);
/** Names of what a PCI capture hands back instead of card data. */
const TOKEN_WORDS = phraseList(['token', 'tokenized', 'masked', 'mask', 'last']);
const HINT = 'Take card data through a PCI DSS compliant secure capture and keep only its token; mark that variable `pciToken: true`.';

export const noCardData = defineRule({
  id: 'no-card-data',
  severity: 'error',
  description: 'Card numbers, CVVs and expiry dates never pass through the flow; only tokens from a PCI-compliant capture do.',
  protectsCredential: true,
  messages: {
    cardGather: 'Gather `{{step}}` collects what looks like a {{what}} ({{why}}); raw card data must never pass through the IVR.',
    cardVariable: 'Variable `{{variable}}` is named like a {{what}}, and is not declared `pciToken: true`.',
    cardField: 'Endpoint `{{endpoint}}` sends a {{what}} as `{{field}}`, and its value is not a PCI token.',
  },
  check({ spec, index, report }) {
    const reported = new Set<string>();
    for (const [name, variable] of Object.entries(spec.variables ?? {})) {
      const what = cardDataNamed(identifierWords(name));
      if (!what || variable.pciToken === true) continue;
      reported.add(name);
      report('cardVariable', ['variables', name], { variable: name, what }, { onKey: true, hint: HINT });
    }
    for (const [id, step] of index.stepsOfType('gather')) {
      if (reported.has(step.into) || spec.variables?.[step.into]?.pciToken === true) continue;
      const found = gatherLooksLikeCard(id, step);
      if (found) report('cardGather', ['steps', id], { step: id, ...found }, { onKey: true, hint: HINT });
    }
    for (const [endpoint, definition] of Object.entries(spec.endpoints ?? {})) {
      for (const [field, value] of Object.entries(definition.body ?? {})) {
        const what = cardDataNamed(identifierWords(field));
        if (what && !isToken(spec, value))
          report('cardField', ['endpoints', endpoint, 'body', field], { endpoint, field, what }, { onKey: true, hint: HINT });
      }
    }
  },
});

/** The kind of card data a name speaks of, unless it says it is a token or masked. */
function cardDataNamed(words: readonly string[]): CardData | undefined {
  if (findPhrase(words, TOKEN_WORDS)) return undefined;
  if (findPhrase(words, CVV_PHRASES)) return 'card security code (CVV)';
  if (findPhrase(words, CARD_NUMBER_PHRASES)) return 'card number';
  if (findPhrase(words, EXPIRY_WORDS) && findPhrase(words, EXPIRY_CONTEXT)) return 'card expiry date';
  return undefined;
}

function gatherLooksLikeCard(id: string, step: GatherStepSpec): { what: CardData; why: string } | undefined {
  const named: [string, readonly string[]][] = [
    [`step id \`${id}\``, identifierWords(id)],
    ['its prompt', proseWords(promptProse(step.prompt))],
  ];
  // "For credit card payments, press 2" is a menu: card data has at least MIN_CARD_DIGITS digits.
  for (const [why, words] of maxDigits(step) >= MIN_CARD_DIGITS ? named : []) {
    const what = cardDataNamed(words);
    if (what) return { what, why };
  }
  const { min, max } = typeof step.digits === 'number' ? { min: step.digits, max: step.digits } : step.digits;
  if (min >= PAN_LENGTH.min && max <= PAN_LENGTH.max)
    return { what: 'card number', why: `${min === max ? min : `${min} to ${max}`} digits, the length of a card number` };
  return undefined;
}

/** A ref to a variable declared `pciToken: true`, or to a value whose name says it is a token. */
function isToken(spec: FlowSpec, value: Value): boolean {
  if (!isRefValue(value)) return false;
  if (spec.variables?.[value.ref]?.pciToken === true) return true;
  return findPhrase(identifierWords(value.ref), TOKEN_WORDS) !== undefined;
}
