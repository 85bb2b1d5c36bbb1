import { EngineError, type CallerEntry } from '../../engine-contract.js';
import type { Digits } from './flow-file.js';

/**
 * The digits `collectInput` stores, or undefined for its failure output (docs/genesys.md §2.1,
 * help center "Collect Input action"). The entry completes at the maximum count; with a `*` or `#`
 * terminator, that key ends the entry and the other one takes the failure path. Fewer than the
 * minimum when the keys stop (the inter-digit timeout) is a failure. UNVERIFIED: without a
 * terminator, `*` and `#` are stored like digits; keys after a completed entry are dropped (Genesys
 * keeps them for the next action, but each gather has its own scenario entry).
 */
export function collectedDigits(
  entry: CallerEntry,
  digits: Digits,
  includeTerminator: boolean,
  where: string,
  acceptLone: ReadonlySet<string> = new Set(),
): string | undefined {
  if (entry.kind === 'silence') return undefined;
  const entered = enteredDigits(entry.keys, digits, includeTerminator, where);
  // acceptJustStar / acceptJustPound (help center "Collect Input action"): an entry that is only `*`
  // or `#` counts only when accepted. UNVERIFIED in exact mode (src/targets/genesys/unverified.ts).
  if ((entered === '*' || entered === '#') && !acceptLone.has(entered)) return undefined;
  return entered;
}

function enteredDigits(keys: string, digits: Digits, includeTerminator: boolean, where: string): string | undefined {
  const [min, max] = digits.kind === 'exact' ? [digits.count, digits.count] : [digits.min, digits.max];
  const terminator = digits.kind === 'range' ? digits.terminator : undefined;
  let entered = '';
  for (const key of keys) {
    if (!/^[0-9*#]$/.test(key)) throw new EngineError(`${JSON.stringify(key)} is not a DTMF key`, where);
    if (key === terminator) return entered.length >= min ? entered + (includeTerminator ? key : '') : undefined;
    if (terminator !== undefined && (key === '*' || key === '#')) return undefined;
    entered += key;
    if (entered.length === max) return entered;
  }
  return entered.length >= min ? entered : undefined;
}
