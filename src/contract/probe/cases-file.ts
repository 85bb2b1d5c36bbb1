import { docUrl } from '../../util/package-info.js';
import type { CallData } from '../../targets/engine-contract.js';
import { readKitFile, type FieldReader, type ReadFile } from '../yaml-file.js';

/** What a real test customer can prove, per endpoint: the probe cannot guess a valid credential. */
export interface EndpointCases {
  /** Call data of the test customer (usually `ani`, the identifier the flow sends). */
  call: Partial<CallData>;
  /** A credential the backend accepts for that customer. */
  credential?: string;
  /** A credential it must refuse (default: zeros of the gather's length). */
  wrongCredential?: string;
  /** Keys for other gathers on the way to the endpoint, in order. */
  caller: readonly string[];
  /** Bodies for other endpoints the flow calls on the way, as JSON text. */
  replies: ReadonlyMap<string, string>;
}

export type ProbeCases = ReadonlyMap<string, EndpointCases>;

export const CASES_KIND = {
  noun: 'contract cases file',
  firstLine: 'ivrflowContract: 1',
  startFrom: `Write the cases as ${docUrl('contract.md')} describes.`,
  versionKey: 'ivrflowContract',
};

const KEYS = /^[0-9*#]{1,32}$/;

export function readCasesFile(file: string, bytes: Uint8Array): ReadFile<ProbeCases> {
  return readKitFile(file, bytes, CASES_KIND, (data, reader) => {
    const root = reader.object(data, [], ['ivrflowContract', 'endpoints']) ?? {};
    const endpoints = reader.mapping(root['endpoints'] ?? {}, ['endpoints']) ?? {};
    return new Map(Object.entries(endpoints).map(([name, value]) => [name, readEndpoint(value, ['endpoints', name], reader)]));
  });
}

function readEndpoint(value: unknown, path: (string | number)[], reader: FieldReader): EndpointCases {
  const entry = reader.object(value, path, ['call', 'credential', 'wrongCredential', 'caller', 'replies']) ?? {};
  const cases: EndpointCases = { call: readCall(entry['call'], [...path, 'call'], reader), caller: [], replies: new Map() };
  if (entry['credential'] !== undefined) {
    const credential = reader.string(entry['credential'], [...path, 'credential'], KEYS, 'the digits the caller keys, quoted');
    if (credential !== undefined) cases.credential = credential;
  }
  if (entry['wrongCredential'] !== undefined) {
    const wrong = reader.string(entry['wrongCredential'], [...path, 'wrongCredential'], KEYS, 'the digits the caller keys, quoted');
    if (wrong !== undefined) cases.wrongCredential = wrong;
  }
  const caller = entry['caller'] === undefined ? [] : (reader.list(entry['caller'], [...path, 'caller']) ?? []);
  const replies = entry['replies'] === undefined ? {} : (reader.mapping(entry['replies'], [...path, 'replies']) ?? {});
  return {
    ...cases,
    caller: caller.flatMap((keys, index) => reader.string(keys, [...path, 'caller', index], KEYS, 'DTMF keys, quoted') ?? []),
    replies: new Map(Object.entries(replies).map(([endpoint, body]) => [endpoint, JSON.stringify(body)])),
  };
}

function readCall(value: unknown, path: (string | number)[], reader: FieldReader): Partial<CallData> {
  if (value === undefined) return {};
  const call = reader.object(value, path, ['ani', 'dnis']) ?? {};
  const read: Partial<CallData> = {};
  for (const key of ['ani', 'dnis'] as const) {
    const text = call[key] === undefined ? undefined : reader.string(call[key], [...path, key]);
    if (text !== undefined) read[key] = text;
  }
  return read;
}
