/**
 * Every place the spec schema lets a user write a string, read from schemas/ivrflow.schema.json
 * itself, so that a string field added to the schema shows up here without anyone listing it.
 *
 * A place is named by its use site, not by its definition (`identifier` is a variable's name in one
 * place and an endpoint's in another): `.name` a property, `.*` any value of a map, `.{key}` a map's
 * keys, `[]` an array item, `(play)` the step type a step's `if`/`then` selects. A definition met
 * again below itself (a condition inside `all`) is not followed a second time: its strings are
 * already named at the shallower place.
 */

interface SchemaNode {
  type?: string | string[];
  $ref?: string;
  properties?: Record<string, SchemaNode>;
  additionalProperties?: SchemaNode | boolean;
  propertyNames?: SchemaNode;
  items?: SchemaNode;
  anyOf?: SchemaNode[];
  oneOf?: SchemaNode[];
  allOf?: SchemaNode[];
  if?: { properties?: { type?: { const?: string } } };
  then?: SchemaNode;
  definitions?: Record<string, SchemaNode>;
}

interface Pending {
  node: SchemaNode;
  place: string;
  /** The definitions followed on the way here. */
  through: readonly string[];
}

const takesString = (node: SchemaNode) => node.type === 'string' || (Array.isArray(node.type) && node.type.includes('string'));

/** The use-site names of every string the schema accepts, sorted. */
export function stringPlaces(schema: SchemaNode): string[] {
  const definitions = schema.definitions ?? {};
  const places = new Set<string>();
  const pending: Pending[] = [{ node: schema, place: '', through: [] }];
  const visit = (node: SchemaNode, place: string, through: readonly string[]) => pending.push({ node, place, through });
  for (let item = pending.pop(); item !== undefined; item = pending.pop()) {
    const { node, place, through } = item;
    if (node.$ref !== undefined) {
      const name = node.$ref.replace('#/definitions/', '');
      if (!through.includes(name)) visit(definitions[name]!, place, [...through, name]);
      continue;
    }
    if (takesString(node)) places.add(place.replace(/^\./, ''));
    for (const [key, child] of Object.entries(node.properties ?? {})) visit(child, `${place}.${key}`, through);
    if (typeof node.additionalProperties === 'object') visit(node.additionalProperties, `${place}.*`, through);
    if (node.propertyNames) visit(node.propertyNames, `${place}.{key}`, through);
    if (node.items) visit(node.items, `${place}[]`, through);
    for (const child of [...(node.anyOf ?? []), ...(node.oneOf ?? [])]) visit(child, place, through);
    for (const branch of node.allOf ?? []) {
      const selected = branch.if?.properties?.type?.const;
      if (branch.then) visit(branch.then, selected === undefined ? place : `${place}(${selected})`, through);
      else visit(branch, place, through);
    }
  }
  return [...places].sort();
}
