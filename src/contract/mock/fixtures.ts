import { docUrl } from '../../util/package-info.js';
import { parseFaultList, FAULT_SYNTAX, type Fault } from './faults.js';
import { readKitFile, type FieldReader, type ReadFile } from '../yaml-file.js';

/** The development backend's data: who the customers are and which codes they may key. */
export interface MockFixtures {
  /** Failed attempts an interaction is allowed before it is locked (`max_attempts_remaining` counts down from it). */
  maxAttempts: number;
  /** How far a request's timestamp may be from the mock's clock, either way. */
  timestampWindowSeconds: number;
  customers: readonly MockCustomer[];
  /** Faults committed on every request. */
  faults: readonly Fault[];
}

export interface MockCustomer {
  /** What the flow sends as the customer identifier (the caller's number by default). */
  identifier: string;
  /** The codes (OTP or PIN) that verify this customer; the auth method is not distinguished. */
  codes: readonly string[];
  /** The promotion data returned on success, keyed by response field name (customer_id, tier, …). */
  profile: Readonly<Record<string, string | number | boolean>>;
  /** Faults committed on this customer's requests only. */
  faults: readonly Fault[];
}

export const FIXTURES_KIND = {
  noun: 'mock fixtures file',
  firstLine: 'ivrflowMock: 1',
  startFrom: `Start from the mock fixtures described in ${docUrl('contract.md')}.`,
  versionKey: 'ivrflowMock',
};

export const DEFAULT_FIXTURES: MockFixtures = { maxAttempts: 3, timestampWindowSeconds: 60, customers: [], faults: [] };

export function readFixtures(file: string, bytes: Uint8Array): ReadFile<MockFixtures> {
  return readKitFile(file, bytes, FIXTURES_KIND, (data, reader) => {
    const root = reader.object(data, [], ['ivrflowMock', 'maxAttempts', 'timestampWindowSeconds', 'customers', 'faults']) ?? {};
    const customers = root['customers'] === undefined ? [] : (reader.list(root['customers'], ['customers']) ?? []);
    return {
      maxAttempts: root['maxAttempts'] === undefined ? 3 : (reader.count(root['maxAttempts'], ['maxAttempts'], 1, 100) ?? 3),
      timestampWindowSeconds:
        root['timestampWindowSeconds'] === undefined
          ? 60
          : (reader.count(root['timestampWindowSeconds'], ['timestampWindowSeconds'], 1, 86_400) ?? 60),
      customers: customers.flatMap((customer, index) => readCustomer(customer, index, reader) ?? []),
      faults: readFaults(root['faults'], ['faults'], reader),
    };
  });
}

function readCustomer(value: unknown, index: number, reader: FieldReader): MockCustomer | undefined {
  const path = ['customers', index];
  const customer = reader.object(value, path, ['identifier', 'codes', 'profile', 'fault']);
  if (!customer) return undefined;
  const identifier = reader.string(customer['identifier'], [...path, 'identifier']);
  const codes = (reader.list(customer['codes'] ?? [], [...path, 'codes']) ?? []).flatMap(
    (code, at) => reader.string(code, [...path, 'codes', at], /^[0-9*]{1,32}$/, 'a code of digits, quoted') ?? [],
  );
  const profile = readProfile(customer['profile'] ?? {}, [...path, 'profile'], reader);
  if (identifier === undefined) return undefined;
  return { identifier, codes, profile, faults: readFaults(customer['fault'], [...path, 'fault'], reader) };
}

function readProfile(value: unknown, path: (string | number)[], reader: FieldReader): Record<string, string | number | boolean> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    reader.fail(path, 'Expected a mapping of response fields to values.', 'e.g. `profile: { customer_id: C-1001, tier: platinum }`.');
    return {};
  }
  const profile: Record<string, string | number | boolean> = {};
  for (const [key, item] of Object.entries(value as Record<string, unknown>)) {
    if (typeof item === 'string' || typeof item === 'number' || typeof item === 'boolean') profile[key] = item;
    else reader.fail([...path, key], `\`${key}\` must be a string, number or boolean.`, 'Profile values are returned as they are written.');
  }
  return profile;
}

function readFaults(value: unknown, path: (string | number)[], reader: FieldReader): Fault[] {
  if (value === undefined) return [];
  const text = Array.isArray(value) ? value.map(String).join(',') : typeof value === 'string' ? value : undefined;
  if (text === undefined)
    return reader.fail(path, 'Expected a fault or a list of faults.', `Faults are: ${FAULT_SYNTAX.join(', ')}.`) ?? [];
  const { faults, unknown } = parseFaultList(text);
  if (unknown.length > 0) reader.fail(path, `Unknown fault \`${unknown[0]}\`.`, `Faults are: ${FAULT_SYNTAX.join(', ')}.`);
  return faults;
}
