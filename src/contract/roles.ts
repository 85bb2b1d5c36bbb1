import { assertNever } from '../util/assert.js';
import type { IrEndpoint, IrValue } from '../ir/nodes.js';

/**
 * What each request field of an endpoint carries, read from where its value comes from in the spec
 * (never from its name): the mock checks these, the probe varies them, the OpenAPI document
 * describes them. A field that is absent from the spec's body has no role.
 */
export interface EndpointRoles {
  /** Filled from `call.id`: half of the replay key. */
  interactionId?: string;
  /** Filled from `call.timestamp`: the other half, checked against the freshness window. */
  timestamp?: string;
  /** Filled from `call.ani`: who the caller claims to be. */
  identifier?: string;
  /** Filled from a sensitive variable: the credential the caller keyed. */
  credential?: string;
  /** The sensitive variable the credential comes from. */
  credentialVariable?: string;
  /** A literal field (e.g. `auth_method: otp`), with its value. */
  literals: readonly { field: string; value: string | number | boolean }[];
}

export function endpointRoles(endpoint: IrEndpoint): EndpointRoles {
  const roles: { -readonly [K in keyof EndpointRoles]: EndpointRoles[K] } = { literals: [] };
  const literals: { field: string; value: string | number | boolean }[] = [];
  for (const { field, value } of endpoint.body) {
    const role = roleOf(value);
    if (role === 'literal' && value.kind === 'literal') literals.push({ field, value: value.value });
    else if (role === 'credential' && value.kind === 'variable') {
      roles.credential ??= field;
      roles.credentialVariable ??= value.name;
    } else if (role !== undefined && role !== 'literal' && role !== 'credential') roles[role] ??= field;
  }
  roles.literals = literals;
  return roles;
}

type Role = 'interactionId' | 'timestamp' | 'identifier' | 'credential' | 'literal';

function roleOf(value: IrValue): Role | undefined {
  switch (value.kind) {
    case 'literal':
      return 'literal';
    case 'call':
      return value.field === 'id'
        ? 'interactionId'
        : value.field === 'timestamp'
          ? 'timestamp'
          : value.field === 'ani'
            ? 'identifier'
            : undefined;
    case 'variable':
      return value.sensitive ? 'credential' : undefined;
    case 'result':
      return undefined;
    default:
      return assertNever(value);
  }
}

/** The path part of an endpoint url: `{{identity_base_url}}/api/v1/auth/verify` is served at `/api/v1/auth/verify`. */
export function endpointPath(endpoint: IrEndpoint): string {
  const withoutPlaceholders = endpoint.url.replace(/\{\{[^}]*\}\}/g, '');
  const path = URL.canParse(withoutPlaceholders) ? new URL(withoutPlaceholders).pathname : withoutPlaceholders.replace(/[?#].*$/, '');
  return path.startsWith('/') ? path : `/${path}`;
}
