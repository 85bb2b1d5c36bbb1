import type { ErrorObject } from 'ajv';

/** One error as the collapsing sees it: the error, and what it stands for once its compounds are resolved. */
interface ErrorNode {
  error: ErrorObject;
  /** Never empty: a compound that keeps none of its branches' errors stands for itself. */
  reported: ErrorObject[];
}

/**
 * Drop the noise ajv produces around compound schemas: `if` wrappers, and for anyOf / oneOf, the
 * errors of branches the data was clearly not meant for. When exactly one branch fits the data's
 * shape, its errors stand for the compound; otherwise the compound error stands alone (reported with
 * the schema's description).
 *
 * ajv (allErrors) pushes a compound's branch errors just before the compound error itself, so the
 * errors form nested runs. One pass with a stack turns them into a tree: each compound takes the
 * run above it on the stack that lies at or under its instance path, resolves it, and goes back on
 * the stack as one node. Every node is pushed and popped once (linear), and a compound's result is
 * never empty, so a failing node always keeps at least one error.
 */
export function relevantErrors(errors: readonly ErrorObject[]): ErrorObject[] {
  const stack: ErrorNode[] = [];
  for (const error of errors) {
    if (error.keyword === 'if') continue; // the `then` errors before it say what is wrong
    if (isCompound(error)) stack.push({ error, reported: resolveCompound(error, popRun(stack, error)) });
    else stack.push({ error, reported: [error] });
  }
  return stack.flatMap((node) => node.reported);
}

function isCompound(error: ErrorObject): boolean {
  return error.keyword === 'anyOf' || error.keyword === 'oneOf';
}

/** The nodes on top of the stack that the compound's branches produced, in the order ajv reported them. */
function popRun(stack: ErrorNode[], compound: ErrorObject): ErrorNode[] {
  const run: ErrorNode[] = [];
  while (stack.length > 0 && belongsTo(stack[stack.length - 1]!.error, compound)) run.push(stack.pop()!);
  return run.reverse();
}

function belongsTo(error: ErrorObject, compound: ErrorObject): boolean {
  if (error.instancePath === compound.instancePath) return error.schemaPath.startsWith(`${compound.schemaPath}/`);
  return error.instancePath.startsWith(`${compound.instancePath}/`);
}

function resolveCompound(compound: ErrorObject, run: readonly ErrorNode[]): ErrorObject[] {
  const branchSchemas = Array.isArray(compound.schema) ? (compound.schema as unknown[]) : [];
  const branchOf = run.map((node) => branchIndex(node.error, compound, branchSchemas));
  const fitting = branchSchemas
    .map((_, branch) => branch)
    .filter((branch) => !run.some((node, position) => branchOf[position] === branch && isShapeMismatch(node.error, compound.instancePath)));
  if (fitting.length !== 1) return [compound];
  // Errors whose branch cannot be told are kept: an error too many is noise, one too few hides a fault.
  const kept = run.filter((_, position) => branchOf[position] === fitting[0] || branchOf[position] === undefined);
  const reported = kept.flatMap((node) => node.reported);
  return reported.length > 0 ? reported : [compound];
}

/**
 * Which branch produced the error. Errors in the compound's own schema carry the branch in their
 * schema path; errors from a schema reached through a `$ref` (a recursive condition) carry that
 * schema's own path, so they are placed by the property they sit under, when only one branch has it.
 */
function branchIndex(error: ErrorObject, compound: ErrorObject, branchSchemas: readonly unknown[]): number | undefined {
  const prefix = `${compound.schemaPath}/`;
  if (error.schemaPath.startsWith(prefix)) {
    const branch = Number(error.schemaPath.slice(prefix.length).split('/')[0]);
    if (Number.isInteger(branch)) return branch;
  }
  if (error.instancePath === compound.instancePath) return undefined;
  const key = unescapePointer(error.instancePath.slice(compound.instancePath.length + 1).split('/')[0]!);
  const owners = branchSchemas.flatMap((schema, branch) => (declaresProperty(schema, key) ? [branch] : []));
  return owners.length === 1 ? owners[0] : undefined;
}

function declaresProperty(schema: unknown, key: string): boolean {
  const properties = (schema as { properties?: Record<string, unknown> } | null)?.properties;
  return properties !== undefined && Object.prototype.hasOwnProperty.call(properties, key);
}

function isShapeMismatch(error: ErrorObject, instancePath: string): boolean {
  return error.instancePath === instancePath && ['type', 'required', 'const', 'not', 'enum'].includes(error.keyword);
}

export function unescapePointer(segment: string): string {
  return segment.replace(/~1/g, '/').replace(/~0/g, '~');
}
