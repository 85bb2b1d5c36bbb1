/**
 * Faults the mock can be told to commit, to see what a flow or the probe makes of a backend that
 * misbehaves. Written as text in the fixtures file (`faults:`, a customer's `fault:`) or per request
 * in the `x-ivrflow-mock-fault` header, comma-separated.
 */
export type Fault =
  /** Answer 500 with a JSON error body. */
  | { kind: 'status500' }
  /** Answer only after this many seconds (default: one second past the endpoint's timeout). */
  | { kind: 'delay'; seconds?: number }
  /** Rename a key of the answer, as a backend release that changed its contract would. */
  | { kind: 'rename'; from: string; to: string }
  /** Answer with a body that is not JSON (the JSON cut in half). */
  | { kind: 'malformed' }
  /** Security faults: skip one of the checks a real middleware must make. */
  | { kind: 'acceptReplay' }
  | { kind: 'acceptStale' }
  | { kind: 'acceptAnyBearer' }
  /**
   * Answer with the credential it was sent, as a verifier that "confirms" what was keyed would: as
   * `echo`, or in place of the answer's field `field` (`echo-credential:customer_id`), where the
   * flow promotes or sends on what it reads.
   */
  | { kind: 'echoCredential'; field?: string };

export const FAULT_SYNTAX = [
  '500',
  'delay[:seconds]',
  'rename:<from>=<to>',
  'malformed',
  'accept-replay',
  'accept-stale',
  'accept-any-bearer',
  'echo-credential[:field]',
];

/** One fault from its text, or undefined when the text is none of FAULT_SYNTAX. */
export function parseFault(text: string): Fault | undefined {
  const trimmed = text.trim();
  const simple: Record<string, Fault> = {
    '500': { kind: 'status500' },
    malformed: { kind: 'malformed' },
    'accept-replay': { kind: 'acceptReplay' },
    'accept-stale': { kind: 'acceptStale' },
    'accept-any-bearer': { kind: 'acceptAnyBearer' },
    'echo-credential': { kind: 'echoCredential' },
    delay: { kind: 'delay' },
  };
  if (Object.hasOwn(simple, trimmed)) return simple[trimmed];
  const delay = /^delay:(\d{1,3}(?:\.\d{1,3})?)$/.exec(trimmed);
  if (delay) return { kind: 'delay', seconds: Number(delay[1]) };
  const rename = /^rename:([A-Za-z_][A-Za-z0-9_]{0,63})=([A-Za-z_][A-Za-z0-9_]{0,63})$/.exec(trimmed);
  if (rename) return { kind: 'rename', from: rename[1]!, to: rename[2]! };
  const echo = /^echo-credential:([A-Za-z_][A-Za-z0-9_]{0,63})$/.exec(trimmed);
  if (echo) return { kind: 'echoCredential', field: echo[1]! };
  return undefined;
}

/** A comma-separated list; the texts that are not faults are returned for the caller to report. */
export function parseFaultList(text: string): { faults: Fault[]; unknown: string[] } {
  const faults: Fault[] = [];
  const unknown: string[] = [];
  for (const part of text.split(',').filter((item) => item.trim() !== '')) {
    const fault = parseFault(part);
    if (fault) faults.push(fault);
    else unknown.push(part.trim());
  }
  return { faults, unknown };
}

export function hasFault(faults: readonly Fault[], kind: Fault['kind']): boolean {
  return faults.some((fault) => fault.kind === kind);
}
