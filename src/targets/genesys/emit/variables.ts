import type { FlowGraph, IrReadable } from '../../../ir/nodes.js';
import { invariant } from '../../../util/assert.js';
import type { Literal, ValueType } from '../../../flowspec/types.js';
import { lit, NO_VALUE, type VariableDeclaration } from './archy.js';

/** A flow variable of the generated Archy file, with its Architect name (`Flow.x`). */
export interface ArchyVariable {
  name: string;
  type: ValueType;
  /** Undefined when the variable has none. */
  initial?: Literal | undefined;
}

/**
 * Architect names for spec variables, http results and retry counters. Flow scope, so every task
 * sees them (docs/genesys.md §1.1, §3.2). Architect names are compared without case here, and a
 * clash gets a numeric suffix, so two spec names never share one variable.
 */
export class VariableTable {
  /** By what the variable holds: a spec variable by name, a result field by `result.field`, a retry's or menu's by step id. */
  private readonly byKind: Readonly<Record<VariableKind, Map<string, ArchyVariable>>> = {
    var: new Map(),
    result: new Map(),
    retry: new Map(),
    menu: new Map(),
    'menu-try': new Map(),
  };
  private readonly taken = new Set<string>();

  constructor(graph: FlowGraph) {
    for (const variable of graph.variables) this.add('var', variable.name, variable.name, variable.type, variable.initial);
    for (const endpointUse of resultFields(graph)) this.add('result', endpointUse.key, endpointUse.name, endpointUse.type);
    for (const node of graph.nodes) if (node.kind === 'retry') this.add('retry', node.id, `${node.id}_attempt`, 'integer', 0);
    for (const node of graph.nodes) if (node.kind === 'menu') this.addMenu(node.id);
  }

  /** The variable a spec ref reads, or undefined for call data (a built-in). */
  readable(value: IrReadable): ArchyVariable | undefined {
    switch (value.kind) {
      case 'variable':
        return this.get('var', value.name);
      case 'result':
        return this.result(value.result, value.field);
      case 'call':
        return undefined;
    }
  }

  variable(name: string): ArchyVariable {
    return this.get('var', name);
  }

  result(result: string, field: string): ArchyVariable {
    return this.get('result', `${result}.${field}`);
  }

  retryCounter(retryId: string): ArchyVariable {
    return this.get('retry', retryId);
  }

  /** The key a menu's caller pressed, "" after a try with none. */
  menuKey(menuId: string): ArchyVariable {
    return this.get('menu', menuId);
  }

  /** The index of a menu's current try (its loop's `currentIndex`). */
  menuTry(menuId: string): ArchyVariable {
    return this.get('menu-try', menuId);
  }

  private addMenu(menuId: string): void {
    this.add('menu', menuId, `${menuId}_key`, 'string');
    this.add('menu-try', menuId, `${menuId}_try`, 'integer', 0);
  }

  private get(kind: VariableKind, key: string): ArchyVariable {
    const found = this.byKind[kind].get(key);
    // The message only when it fails (expression.ts `readableExpression`): this runs for every variable use.
    if (found === undefined) invariant(false, `no Architect variable for ${kind}:${key}`);
    return found;
  }

  private add(kind: VariableKind, key: string, base: string, type: ValueType, initial?: Literal): void {
    const safe = base.replace(/[^A-Za-z0-9_]/g, '_');
    let name = safe;
    for (let suffix = 2; this.taken.has(name.toLowerCase()); suffix++) name = `${safe}_${suffix}`;
    this.taken.add(name.toLowerCase());
    this.byKind[kind].set(key, { name: `Flow.${name}`, type, initial });
  }
}

type VariableKind = 'var' | 'result' | 'retry' | 'menu' | 'menu-try';

function resultFields(graph: FlowGraph): { key: string; name: string; type: ValueType }[] {
  const seen = new Set<string>();
  const fields: { key: string; name: string; type: ValueType }[] = [];
  for (const node of graph.nodes) {
    if (node.kind !== 'http' || seen.has(node.result)) continue;
    seen.add(node.result);
    const endpoint = graph.endpoints.find((candidate) => candidate.id === node.endpoint);
    for (const field of endpoint?.responseFields ?? [])
      fields.push({ key: `${node.result}.${field.name}`, name: `${node.result}_${field.name}`, type: field.type });
  }
  return fields;
}

/** docs/genesys.md §3.4: `<type>Variable` declarations; `decimal` holds a spec `number`. */
const DECLARATION_KIND: Readonly<Record<ValueType, string>> = {
  string: 'stringVariable',
  integer: 'integerVariable',
  number: 'decimalVariable',
  boolean: 'booleanVariable',
};

export function declareVariables(variables: Iterable<ArchyVariable>): VariableDeclaration[] {
  return [...variables]
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
    .map((variable) => ({
      [DECLARATION_KIND[variable.type]]: {
        name: variable.name,
        initialValue: variable.initial === undefined ? NO_VALUE : lit(variable.initial),
      },
    }));
}
