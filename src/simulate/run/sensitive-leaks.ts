import type { FlowGraph } from '../../ir/nodes.js';
import type { CallerEntry, HttpRequest, Recorder } from '../../targets/engine-contract.js';
import type { EngineName } from '../../targets/engine-contract.js';
import type { Failure } from './verdict.js';
import { memoizeByObject } from '../../util/memo.js';

/**
 * The runtime half of the leak analysis, the same for the three engines: a run fails when an
 * attribute, a prompt or a request the verifier does not own carries a value the caller keyed at a
 * sensitive gather of that call. The static checks reason about names and copies; this one looks
 * at what each engine actually did, so a backend that echoes the credential, or an emitter that
 * writes it where the spec never said, is caught whatever the spec calls things.
 */
export interface LeakWatch {
  /** Spec ids of the gathers whose entry is a credential. */
  sensitiveGathers: ReadonlySet<string>;
  /** Endpoints allowed to receive the credential, in their request body only. */
  verifiers: ReadonlySet<string>;
}

/**
 * The shortest credential watched for. A PIN has at least 4 digits (ISO 9564-1); a shorter entry
 * would match every priority and every menu digit, so it is not watched (docs/testing.md).
 */
export const MIN_WATCHED_LENGTH = 4;

export function leakWatch(graph: FlowGraph): LeakWatch {
  return {
    sensitiveGathers: new Set(graph.nodes.filter((node) => node.kind === 'gather' && node.sensitive).map((node) => node.id)),
    verifiers: new Set(graph.endpoints.filter((endpoint) => endpoint.verifiesCredential).map((endpoint) => endpoint.id)),
  };
}

/** The values the caller keyed at sensitive gathers, as keyed (terminator dropped) and as the flow holds them (digits only). */
export function sensitiveInputs(recorder: Recorder, watch: LeakWatch): string[] {
  const values = new Set<string>();
  for (const { gather, entry } of recorder.inputs) {
    if (entry.kind !== 'keys' || !watch.sensitiveGathers.has(gather)) continue;
    for (const value of watchedForms(entry)) values.add(value);
  }
  return [...values];
}

/** An entry's forms long enough to watch, kept per entry: every engine's run of a call takes the same entries. */
const watchedForms = memoizeByObject((entry: Extract<CallerEntry, { kind: 'keys' }>): readonly string[] =>
  [entry.keys.replace(/[#*]$/, ''), entry.keys.replace(/\D/g, '')].filter((value) => value.length >= MIN_WATCHED_LENGTH),
);

/** Every place the run put a sensitive input where it must never be, one failure each. */
export function findSensitiveLeaks(recorder: Recorder, watch: LeakWatch, engine: EngineName): Failure[] {
  const secrets = sensitiveInputs(recorder, watch);
  if (secrets.length === 0) return [];
  const failures: Failure[] = [];
  let step: string | undefined;
  const fail = (where: string) =>
    failures.push({
      kind: 'leak',
      engine,
      message: `${where} carries a value the caller keyed at a sensitive gather; a credential reaches only its verifier's request body`,
      ...(step === undefined ? {} : { step }),
    });
  for (const event of recorder.events) {
    if (event.kind === 'step') step = event.step;
    else if (event.kind === 'prompt' && carries(event.text, secrets)) fail('a prompt');
    else if (event.kind === 'attribute' && carries(event.value, secrets)) fail(`attribute \`${event.name}\``);
    else if (event.kind === 'request') {
      const where = leakInRequest(event.request, secrets, watch);
      if (where !== undefined) fail(where);
    }
  }
  return failures;
}

function leakInRequest(request: HttpRequest, secrets: readonly string[], watch: LeakWatch): string | undefined {
  const name = `the request to \`${request.endpoint}\``;
  if (carries(request.url, secrets)) return `the URL of ${name}`;
  const header = Object.entries(request.headers).find(([, value]) => carries(value, secrets));
  if (header) return `header \`${header[0]}\` of ${name}`;
  if (!watch.verifiers.has(request.endpoint) && request.body !== undefined && carries(request.body, secrets)) return `the body of ${name}`;
  return undefined;
}

/**
 * Whether the text holds one of the values as a whole run: `123456` is in "code 123456." and in
 * `"123456"`, not in `91234567`. Digits next to it would make it another number.
 */
export function carries(text: string, secrets: readonly string[]): boolean {
  return secrets.some((secret) => {
    for (let at = text.indexOf(secret); at !== -1; at = text.indexOf(secret, at + 1)) {
      const before = text[at - 1];
      const after = text[at + secret.length];
      if (!isDigit(before) && !isDigit(after)) return true;
    }
    return false;
  });
}

function isDigit(character: string | undefined): boolean {
  return character !== undefined && character >= '0' && character <= '9';
}
