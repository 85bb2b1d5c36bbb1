import type { SpecPath } from '../../diagnostics/diagnostic.js';
import type { FlowIndex } from '../../flowspec/flow-index.js';
import type { RefUse } from '../../flowspec/ref-uses.js';
import type { GatherStepSpec } from '../../flowspec/types.js';
import { findPhrase, identifierWords, maxDigits, proseWords } from '../name-words.js';
import { defineRule, type ReportOptions } from '../rule.js';
import { computeTaint, isVerifier, type Taint } from '../taint.js';

/** What callers are asked for when they prove who they are (docs/rules/sensitive-gather.md). */
const CREDENTIAL_PHRASES = [
  'pin',
  'pincode',
  'otp',
  'totp',
  'passcode',
  'password',
  'passwd',
  'passphrase',
  'security code',
  'verification code',
  'one time code',
];
/** The shortest PIN in use is 4 digits (ISO 9564-1); OTPs are longer. */
const MIN_CREDENTIAL_DIGITS = 4;
const ACRONYMS: Record<string, string> = { pin: 'a PIN', otp: 'an OTP', totp: 'a TOTP' };
/**
 * Request fields of the verifier that name the caller rather than prove it: a gathered account
 * number sent as `customer_identifier` is not a credential. Any other field of the verifier is.
 */
const IDENTIFIER_WORDS = [
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
];

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
    for (const [id, step] of index.stepsOfType('gather')) {
      if (spec.variables?.[step.into]?.sensitive === true) continue;
      const path: SpecPath = step.sensitive === undefined ? ['steps', id] : ['steps', id, 'sensitive'];
      const options: ReportOptions = {
        onKey: step.sensitive === undefined,
        hint: `Set \`sensitive: true\` on the gather and on variable \`${step.into}\`, and gather it inside the secure section.`,
      };
      const feed = credentialFeed(index, step.into);
      if (feed) {
        const { use, taint } = feed;
        report(
          'feedsVerifier',
          path,
          { step: id, variable: step.into, endpoint: use.endpoint, field: use.field },
          { ...options, related: [...taint.trail, { message: `sent to verifier \`${use.endpoint}\` here`, path: use.path }] },
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

/** The first credential field of a verifier the variable reaches, directly or through assignments. */
function credentialFeed(index: FlowIndex, variable: string): { use: BodyUse; taint: Taint } | undefined {
  const sources = new Map([[variable, { message: `\`${variable}\` is declared here`, path: ['variables', variable], onKey: true }]]);
  for (const { use, taint } of computeTaint(index, sources, { throughResponses: false }).uses) {
    if (use.kind === 'requestBody' && isVerifier(index, use.endpoint) && isCredentialField(use.field)) return { use, taint };
  }
  return undefined;
}

function isCredentialField(field: string): boolean {
  const words = identifierWords(field);
  return findPhrase(words, CREDENTIAL_PHRASES) !== undefined || findPhrase(words, IDENTIFIER_WORDS) === undefined;
}

function credentialName(id: string, step: GatherStepSpec): { what: string; where: string } | undefined {
  // "To reset your PIN, press 1" is a menu: a credential has at least MIN_CREDENTIAL_DIGITS digits.
  if (maxDigits(step) < MIN_CREDENTIAL_DIGITS) return undefined;
  const candidates: [string, string[]][] = [
    [`variable name \`${step.into}\``, identifierWords(step.into)],
    [`step id \`${id}\``, identifierWords(id)],
    ['prompt', proseWords(step.prompt)],
  ];
  for (const [where, words] of candidates) {
    const phrase = findPhrase(words, CREDENTIAL_PHRASES);
    if (phrase) return { what: ACRONYMS[phrase] ?? `a ${phrase}`, where };
  }
  return undefined;
}
