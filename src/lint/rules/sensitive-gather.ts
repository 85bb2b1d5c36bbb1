import type { SpecPath } from '../../diagnostics/diagnostic.js';
import { promptProse } from '../../flowspec/prompts.js';
import { isRefProblem, type FlowIndex } from '../../flowspec/flow-index.js';
import { collectRefUses, type RefUse } from '../../flowspec/ref-uses.js';
import type { GatherStepSpec } from '../../flowspec/types.js';
import { findPhrase, identifierWords, maxDigits, phraseList, proseWords } from '../name-words.js';
import { defineRule, type ReportOptions } from '../rule.js';
import { isVerifier, type TaintLink } from '../../flowspec/taint.js';
import { CREDENTIAL_WORDS, MIN_CREDENTIAL_DIGITS } from '../../flowspec/credentials.js';

/** What callers are asked for when they prove who they are (docs/rules/sensitive-gather.md). */
const CREDENTIAL_PHRASES = phraseList([...CREDENTIAL_WORDS, 'security code', 'verification code', 'one time code']);
const ACRONYMS: Record<string, string> = { pin: 'a PIN', otp: 'an OTP', totp: 'a TOTP' };
/**
 * Request fields of the verifier that name the caller rather than prove it: a gathered account
 * number sent as `customer_identifier` is not a credential. Any other field of the verifier is.
 */
const IDENTIFIER_WORDS = phraseList([
  'id',
  'identifier',
  'account',
  'customer',
  'member',
  'phone',
  'ani',
  'msisdn',
  'user',
  'username',
  'login',
  'method',
  'interaction',
  'timestamp',
]);

export const sensitiveGather = defineRule({
  id: 'sensitive-gather',
  severity: 'error',
  description: 'A gather that collects a credential (sent to the verifier, or named like a PIN, OTP or password) is sensitive.',
  protectsCredential: true,
  messages: {
    feedsVerifier:
      'Gather `{{step}}` stores into `{{variable}}`, which reaches the credential field `{{field}}` of verifier `{{endpoint}}`, but `{{variable}}` is not sensitive.',
    namedLikeCredential: 'Gather `{{step}}` looks like it collects {{what}} (its {{where}}), but `{{variable}}` is not sensitive.',
  },
  check({ spec, index, report }) {
    const feeds = credentialFeeds(index);
    for (const [id, step] of index.stepsOfType('gather')) {
      if (spec.variables?.[step.into]?.sensitive === true) continue;
      const path: SpecPath = step.sensitive === undefined ? ['steps', id] : ['steps', id, 'sensitive'];
      const options: ReportOptions = {
        onKey: step.sensitive === undefined,
        hint: `Set \`sensitive: true\` on the gather and on variable \`${step.into}\`, and gather it inside the secure section.`,
      };
      const feed = feeds.get(step.into);
      if (feed) {
        const { use } = feed;
        report(
          'feedsVerifier',
          path,
          { step: id, variable: step.into, endpoint: use.endpoint, field: use.field },
          {
            ...options,
            related: [...feedTrail(step.into, feed, feeds), { message: `sent to verifier \`${use.endpoint}\` here`, path: use.path }],
          },
        );
        continue;
      }
      const named = credentialName(id, step);
      if (named)
        report(
          'namedLikeCredential',
          path,
          { step: id, variable: step.into, ...named },
          { ...options, related: [{ message: `\`${step.into}\` is declared here`, path: ['variables', step.into], onKey: true }] },
        );
    }
  },
});

type BodyUse = Extract<RefUse, { kind: 'requestBody' }>;

type AssignUse = Extract<RefUse, { kind: 'assign' }>;

/** How a variable reaches a credential field of the verifier: directly, or copied into `next` first. */
interface Feed {
  use: BodyUse;
  copy?: { use: AssignUse; into: string };
}

/**
 * Every variable that reaches a credential field of a verifier, directly or through assignments:
 * one walk backwards from those fields along the copies, for all gathers at once.
 */
function credentialFeeds(index: FlowIndex): Map<string, Feed> {
  const feeds = new Map<string, Feed>();
  const copiedFrom = new Map<string, AssignUse[]>();
  const pending: string[] = [];
  for (const use of collectRefUses(index.spec)) {
    const variable = variableOf(index, use.ref);
    if (variable === undefined) continue;
    if (use.kind === 'assign') appendTo(copiedFrom, use.variable, use);
    else if (use.kind === 'requestBody' && isVerifier(index, use.endpoint) && isCredentialField(use.field) && !feeds.has(variable)) {
      feeds.set(variable, { use });
      pending.push(variable);
    }
  }
  for (let head = 0; head < pending.length; head++) {
    const into = pending[head]!;
    for (const copy of copiedFrom.get(into) ?? []) {
      const from = variableOf(index, copy.ref)!;
      if (feeds.has(from)) continue;
      feeds.set(from, { use: feeds.get(into)!.use, copy: { use: copy, into } });
      pending.push(from);
    }
  }
  return feeds;
}

/** The declaration of the variable, then each copy on the way to the verifier. */
function feedTrail(variable: string, feed: Feed, feeds: ReadonlyMap<string, Feed>): TaintLink[] {
  const trail: TaintLink[] = [{ message: `\`${variable}\` is declared here`, path: ['variables', variable], onKey: true }];
  for (let hop = feed.copy; hop !== undefined; hop = feeds.get(hop.into)?.copy)
    trail.push({ message: `copied into \`${hop.into}\` here`, path: hop.use.path });
  return trail;
}

function appendTo<V>(map: Map<string, V[]>, key: string, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

function variableOf(index: FlowIndex, ref: string): string | undefined {
  const resolved = index.resolveRef(ref);
  return !isRefProblem(resolved) && resolved.kind === 'variable' ? resolved.name : undefined;
}

function isCredentialField(field: string): boolean {
  const words = identifierWords(field);
  return findPhrase(words, CREDENTIAL_PHRASES) !== undefined || findPhrase(words, IDENTIFIER_WORDS) === undefined;
}

function credentialName(id: string, step: GatherStepSpec): { what: string; where: string } | undefined {
  // "To reset your PIN, press 1" is a menu: a credential has at least MIN_CREDENTIAL_DIGITS digits.
  if (maxDigits(step) < MIN_CREDENTIAL_DIGITS) return undefined;
  const candidates: [string, readonly string[]][] = [
    [`variable name \`${step.into}\``, identifierWords(step.into)],
    [`step id \`${id}\``, identifierWords(id)],
    ['prompt', proseWords(promptProse(step.prompt))],
  ];
  for (const [where, words] of candidates) {
    const phrase = findPhrase(words, CREDENTIAL_PHRASES);
    if (phrase) return { what: ACRONYMS[phrase] ?? `a ${phrase}`, where };
  }
  return undefined;
}
