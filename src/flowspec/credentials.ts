import type { SpecPath } from '../diagnostics/diagnostic.js';
import { promptProse } from './prompts.js';
import { findPhrase, identifierWords, maxDigits, phraseList, proseWords } from './name-words.js';
import { isRefValue, type FlowSpec, type GatherStepSpec } from './types.js';

/**
 * Credentials are recognised by what they do, not only by how they are declared: a name such as
 * `entry` or `confirm` says nothing, so a team that forgets `sensitive: true` would otherwise ship
 * the caller's PIN as a plain variable. A gathered value is a credential when it (or a copy of it)
 * reaches the request of a verifying endpoint, or when its gather asks the caller for a code, PIN,
 * password or passcode. A variable declared `role: identifier` (an account or member number) is the
 * exception, and it is refused when it is also used like a credential.
 */
export interface CredentialFacts {
  /** Every variable that holds a credential: declared `sensitive: true`, or recognised by its use. */
  readonly credentials: ReadonlySet<string>;
  /** Why each variable not declared sensitive is a credential anyway (the first reason found). */
  readonly undeclared: ReadonlyMap<string, CredentialEvidence>;
  /** Variables declared `role: identifier` that are used like a credential, with the use. */
  readonly misdeclaredIdentifiers: ReadonlyMap<string, CredentialEvidence>;
}

export interface CredentialEvidence {
  message: string;
  path: SpecPath;
}

/** The words for a secret a caller proves who they are with; the prompt and field lists below and rule `sensitive-gather` build on them. */
export const CREDENTIAL_WORDS = ['pin', 'pincode', 'otp', 'totp', 'passcode', 'password', 'passwd', 'passphrase'] as const;
/** What a caller is asked for when they prove who they are. "Code" alone counts; a zip or area code does not. */
const CREDENTIAL_PROMPT_PHRASES = phraseList([...CREDENTIAL_WORDS, 'code']);
const NOT_A_CREDENTIAL_CODE = ['zip code', 'postal code', 'post code', 'area code', 'country code', 'sort code', 'reference code'];
/** Each excuse as a phrase list of its own. */
const EACH_EXCUSE = NOT_A_CREDENTIAL_CODE.map((excuse) => phraseList([excuse]));
/** The shortest PIN in use is 4 digits (ISO 9564-1): a one-digit menu that mentions the PIN collects a choice. */
export const MIN_CREDENTIAL_DIGITS = 4;
/** Request fields of a verifier whose name says they carry the proof rather than the caller's name. */
const CREDENTIAL_FIELD_PHRASES = phraseList([...CREDENTIAL_WORDS, 'code', 'secret', 'credential', 'auth value']);

export function recogniseCredentials(spec: FlowSpec): CredentialFacts {
  const variables = spec.variables ?? {};
  const isVariable = (name: string) => Object.hasOwn(variables, name);
  const identifiers = new Set(Object.keys(variables).filter((name) => variables[name]!.role === 'identifier'));
  const credentials = new Set(Object.keys(variables).filter((name) => variables[name]!.sensitive === true));
  const undeclared = new Map<string, CredentialEvidence>();
  const misdeclared = new Map<string, CredentialEvidence>();
  const note = (name: string, evidence: CredentialEvidence, strong: boolean) => {
    if (identifiers.has(name)) {
      if (strong && !misdeclared.has(name)) misdeclared.set(name, evidence);
      return;
    }
    credentials.add(name);
    if (variables[name]!.sensitive !== true && !undeclared.has(name)) undeclared.set(name, evidence);
  };
  for (const name of identifiers)
    if (variables[name]!.sensitive === true)
      misdeclared.set(name, { message: `\`${name}\` is also declared \`sensitive: true\``, path: ['variables', name, 'sensitive'] });
  const gathers = gathersByVariable(spec, isVariable);
  for (const [name, steps] of gathers)
    for (const [id, step] of steps) {
      if (step.sensitive === true)
        note(name, { message: `gather \`${id}\` is declared sensitive`, path: ['steps', id, 'sensitive'] }, true);
      const asked = maxDigits(step) >= MIN_CREDENTIAL_DIGITS ? askedForCredential(promptProse(step.prompt)) : undefined;
      if (asked) note(name, { message: `gather \`${id}\` asks the caller for a ${asked}`, path: ['steps', id, 'prompt'] }, true);
    }
  // Both walks follow the same assignments: gathered once.
  const sources = assignmentSources(spec, isVariable);
  const origins = verifierOrigins(spec, isVariable, sources);
  for (const [origin, sent] of origins)
    if (gathers.has(origin))
      note(
        origin,
        { message: `it reaches verifier \`${sent.endpoint}\` as \`${sent.field}\``, path: sent.path },
        namesCredential(sent.field),
      );
  // The copies that carry a gathered credential on its way to the verifier hold it too.
  for (const [name, sent] of copiesOnTheWay(sources, origins, credentials))
    note(name, { message: `it carries a credential to verifier \`${sent.endpoint}\` as \`${sent.field}\``, path: sent.path }, false);
  return { credentials, undeclared, misdeclaredIdentifiers: misdeclared };
}

/** The credential phrase a prompt asks for, if any. */
export function askedForCredential(prompt: string): string | undefined {
  const words = proseWords(prompt);
  const phrase = findPhrase(words, CREDENTIAL_PROMPT_PHRASES);
  if (phrase !== 'code') return phrase;
  const codes = words.filter((word) => word === 'code' || word === 'codes').length;
  const excused = EACH_EXCUSE.filter((excuse) => findPhrase(words, excuse) !== undefined).length;
  return codes > excused ? 'code' : undefined;
}

/** Whether a request field's name says it carries a credential (`auth_value`, `otp`, `pinCode`). */
export function namesCredential(field: string): boolean {
  return findPhrase(identifierWords(field), CREDENTIAL_FIELD_PHRASES) !== undefined;
}

function gathersByVariable(spec: FlowSpec, isVariable: (name: string) => boolean): Map<string, [string, GatherStepSpec][]> {
  const gathers = new Map<string, [string, GatherStepSpec][]>();
  for (const [id, step] of Object.entries(spec.steps)) {
    if (step.type !== 'gather' || !isVariable(step.into)) continue;
    const list = gathers.get(step.into);
    if (list) list.push([id, step]);
    else gathers.set(step.into, [[id, step]]);
  }
  return gathers;
}

interface VerifierInput {
  variable: string;
  endpoint: string;
  field: string;
  path: SpecPath;
}

/** The variables each verifier's request reads, with the body field. */
function verifierInputs(spec: FlowSpec, isVariable: (name: string) => boolean): VerifierInput[] {
  const inputs: VerifierInput[] = [];
  for (const [endpoint, definition] of Object.entries(spec.endpoints ?? {})) {
    if (definition.verifiesCredential !== true) continue;
    for (const [field, value] of Object.entries(definition.body ?? {}))
      if (isRefValue(value) && isVariable(value.ref))
        inputs.push({ variable: value.ref, endpoint, field, path: ['endpoints', endpoint, 'body', field, 'ref'] });
  }
  return inputs;
}

/**
 * For every variable whose value can reach a verifier's request through assignments (the one sent
 * included), the first request field it reaches: one breadth-first walk back over the assignments.
 */
function verifierOrigins(
  spec: FlowSpec,
  isVariable: (name: string) => boolean,
  sources: ReadonlyMap<string, readonly string[]>,
): Map<string, VerifierInput> {
  const reached = new Map<string, VerifierInput>();
  const pending: string[] = [];
  // Credential fields first: a value sent both as `customer_identifier` and `auth_value` is a credential.
  const inputs = verifierInputs(spec, isVariable);
  for (const input of [...inputs.filter((item) => namesCredential(item.field)), ...inputs.filter((item) => !namesCredential(item.field))])
    if (!reached.has(input.variable)) {
      reached.set(input.variable, input);
      pending.push(input.variable);
    }
  for (let head = 0; head < pending.length; head++) {
    const input = reached.get(pending[head]!)!;
    for (const source of sources.get(pending[head]!) ?? [])
      if (!reached.has(source)) {
        reached.set(source, input);
        pending.push(source);
      }
  }
  return reached;
}

/** The variables that lead to a verifier (`origins`) and are assigned from a credential, walked forward from the credentials. */
function copiesOnTheWay(
  sources: ReadonlyMap<string, readonly string[]>,
  origins: ReadonlyMap<string, VerifierInput>,
  credentials: ReadonlySet<string>,
): Map<string, VerifierInput> {
  const targets = new Map<string, string[]>();
  for (const [target, assigned] of sources)
    for (const source of assigned) {
      const list = targets.get(source);
      if (list) list.push(target);
      else targets.set(source, [target]);
    }
  const found = new Map<string, VerifierInput>();
  const pending = [...credentials].filter((name) => origins.has(name));
  const seen = new Set(pending);
  for (let head = 0; head < pending.length; head++)
    for (const target of targets.get(pending[head]!) ?? []) {
      const sent = origins.get(target);
      if (seen.has(target) || !sent) continue;
      seen.add(target);
      pending.push(target);
      if (!credentials.has(target)) found.set(target, sent);
    }
  return found;
}

/** For each variable, the variables assigned into it anywhere in the flow. */
function assignmentSources(spec: FlowSpec, isVariable: (name: string) => boolean): Map<string, string[]> {
  const sources = new Map<string, string[]>();
  for (const step of Object.values(spec.steps)) {
    if (step.type !== 'assign') continue;
    for (const [target, value] of Object.entries(step.set)) {
      if (!isRefValue(value) || !isVariable(value.ref)) continue;
      const list = sources.get(target);
      if (list) list.push(value.ref);
      else sources.set(target, [value.ref]);
    }
  }
  return sources;
}
