import type { SpecPath } from '../diagnostics/diagnostic.js';
import type { ReportInput } from '../flowspec/source.js';
import { assertNever } from '../util/assert.js';
import { findPhrase, identifierWords, phraseList } from '../flowspec/name-words.js';
import type { FlowGraph, FlowNode, IrCondition, IrEndpoint, IrReadable, IrValue } from './nodes.js';

/**
 * The security invariant every target relies on, checked on the IR right before the emitters and
 * never configurable: a sensitive value (and anything copied from it, or answered by an endpoint it
 * was sent to) reaches only its gather, a sensitive variable and the verifier's request body. The
 * policy rules explain the same leaks earlier and can be tuned; this guard is what stays when a
 * team turns them off. Sanitizing (stripping the terminator and non-digits) happens inside each
 * vendor's gather, on the sensitive variable itself.
 */
export function guardSensitiveFlow(graph: FlowGraph): ReportInput[] {
  const taint = traceSensitiveValues(graph);
  if (taint.size === 0) return checkHeaders(graph);
  const guard = new Guard(graph, taint);
  guard.checkVariables();
  for (const node of graph.nodes) guard.checkNode(node);
  for (const endpoint of graph.endpoints) guard.checkEndpoint(endpoint);
  guard.checkExports();
  guard.checkVerifiers();
  return [...guard.problems, ...checkHeaders(graph)];
}

/** Where a tainted value came from: the sensitive variable, and the place it was copied or sent. */
interface TaintOrigin {
  source: string;
  path: SpecPath;
}

/**
 * A variable is `var:<name>`; the answer of an endpoint is `endpoint:<id>`; one field of a verifier's
 * answer is `answer:<id>.<field>` (a verifier is trusted not to echo, except in a field named like
 * what it was sent).
 */
type TaintKey = `var:${string}` | `endpoint:${string}` | `answer:${string}`;

/** Every place a sensitive value can flow, in one breadth-first pass over the copy edges (linear in the flow). */
function traceSensitiveValues(graph: FlowGraph): Map<TaintKey, TaintOrigin> {
  const flowsTo = copyEdges(graph);
  const taint = new Map<TaintKey, TaintOrigin>();
  const pending: TaintKey[] = [];
  for (const variable of graph.variables) {
    if (!variable.sensitive) continue;
    taint.set(`var:${variable.name}`, { source: variable.name, path: ['variables', variable.name] });
    pending.push(`var:${variable.name}`);
  }
  for (const [key, origin] of verifierEchoes(graph)) {
    taint.set(key, origin);
    pending.push(key);
  }
  for (let head = 0; head < pending.length; head++) {
    const origin = taint.get(pending[head]!)!;
    for (const edge of flowsTo.get(pending[head]!) ?? []) {
      if (taint.has(edge.to)) continue;
      taint.set(edge.to, { source: origin.source, path: edge.path });
      pending.push(edge.to);
    }
  }
  return taint;
}

interface CopyEdge {
  to: TaintKey;
  path: SpecPath;
}

/** Assignments copy a value into a variable; a non-verifier endpoint may echo what it is sent. */
function copyEdges(graph: FlowGraph): Map<TaintKey, CopyEdge[]> {
  const edges = new Map<TaintKey, CopyEdge[]>();
  const add = (from: IrValue, edge: CopyEdge) => {
    for (const key of keysOf(from)) {
      const list = edges.get(key);
      if (list) list.push(edge);
      else edges.set(key, [edge]);
    }
  };
  for (const node of graph.nodes) {
    if (node.kind !== 'assign') continue;
    for (const { variable, value } of node.assignments) add(value, { to: `var:${variable}`, path: [...node.origin, 'set', variable] });
  }
  for (const endpoint of graph.endpoints) {
    if (endpoint.verifiesCredential) continue;
    for (const { field, value } of endpoint.body) add(value, { to: `endpoint:${endpoint.id}`, path: [...endpoint.origin, 'body', field] });
    for (const { part, name, value } of urlParameters(endpoint))
      add(value, { to: `endpoint:${endpoint.id}`, path: [...endpoint.origin, part, name] });
  }
  return edges;
}

/** The path and query parameters of an endpoint, with the spec key they sit under. */
function urlParameters(endpoint: IrEndpoint): { part: 'path' | 'query'; name: string; value: IrValue }[] {
  return [
    ...endpoint.path.map((parameter) => ({ part: 'path' as const, ...parameter })),
    ...endpoint.query.map((parameter) => ({ part: 'query' as const, ...parameter })),
  ];
}

/** The taint keys a value reads: a variable, or the whole answer of an endpoint and the one field read. */
function keysOf(value: IrValue): TaintKey[] {
  switch (value.kind) {
    case 'variable':
      return [`var:${value.name}`];
    case 'result':
      return [`endpoint:${value.endpoint}`, `answer:${value.endpoint}.${value.field}`];
    case 'literal':
    case 'call':
      return [];
    default:
      return assertNever(value);
  }
}

/** Words in a response field's name that say it answers with the credential (`otp_echo`, `pin_confirmed`). */
const ECHO_PHRASES = phraseList(['otp', 'totp', 'pin', 'passcode', 'password', 'passwd', 'passphrase', 'credential', 'secret', 'echo']);

/**
 * The fields of a verifier's answer that would carry back what it was sent: named like a
 * credential, like the request field that carried it, or like the sensitive variable itself. Their
 * answer is as sensitive as the credential, whatever `response.fields` calls it.
 */
function verifierEchoes(graph: FlowGraph): Map<TaintKey, TaintOrigin> {
  const echoes = new Map<TaintKey, TaintOrigin>();
  for (const endpoint of graph.endpoints) {
    if (!endpoint.verifiesCredential) continue;
    const sent = endpoint.body.filter(({ value }) => value.kind === 'variable' && value.sensitive);
    const first = sent[0];
    if (first?.value.kind !== 'variable') continue;
    const names = phraseList([
      ...sent.map(({ field }) => identifierWords(field).join(' ')),
      ...sent.map(({ value }) => identifierWords((value as { name: string }).name).join(' ')),
    ]);
    for (const { name } of endpoint.responseFields)
      if ((findPhrase(identifierWords(name), ECHO_PHRASES) ?? findPhrase(identifierWords(name), names)) !== undefined)
        echoes.set(`answer:${endpoint.id}.${name}`, { source: first.value.name, path: [...endpoint.origin, 'response', 'fields', name] });
  }
  return echoes;
}

const HINT =
  'This check cannot be turned off: a credential may reach only its gather, a sensitive variable and the request of the endpoint marked `verifiesCredential: true`. Send what the verifier answers instead.';

class Guard {
  readonly problems: ReportInput[] = [];
  private readonly sensitiveVariables: ReadonlySet<string>;
  /** Names a template in a prompt, URL or header could use to read a tainted value. */
  private readonly taintedNames: ReadonlySet<string>;
  /** For each http step's endpoint: looked up, not searched, so a flow of many calls stays linear. */
  private readonly endpointsById: ReadonlyMap<string, IrEndpoint>;
  /** The `var:` and `endpoint:` entries of the taint by bare name: `originOf` asks for every value read, without building its key. */
  private readonly taintOfVariable = new Map<string, TaintOrigin>();
  private readonly taintOfEndpoint = new Map<string, TaintOrigin>();

  constructor(
    private readonly graph: FlowGraph,
    private readonly taint: ReadonlyMap<TaintKey, TaintOrigin>,
  ) {
    for (const [key, origin] of taint)
      if (key.startsWith('var:')) this.taintOfVariable.set(key.slice('var:'.length), origin);
      else if (key.startsWith('endpoint:')) this.taintOfEndpoint.set(key.slice('endpoint:'.length), origin);
    this.sensitiveVariables = new Set(graph.variables.filter((variable) => variable.sensitive).map((variable) => variable.name));
    const names = [...this.taintOfVariable.keys()];
    for (const endpoint of graph.endpoints) for (const { field, value } of endpoint.body) if (this.originOf(value)) names.push(field);
    this.taintedNames = new Set(names);
    const endpointsById = new Map<string, IrEndpoint>();
    for (const endpoint of graph.endpoints) if (!endpointsById.has(endpoint.id)) endpointsById.set(endpoint.id, endpoint);
    this.endpointsById = endpointsById;
  }

  /** A plain variable holding a copy is not redacted, not a secure variable, and shows in traces. */
  checkVariables(): void {
    for (const variable of this.graph.variables) {
      const origin = this.taintOfVariable.get(variable.name);
      if (variable.sensitive || !origin) continue;
      this.leak(`Variable \`${variable.name}\` is not sensitive but holds a copy of sensitive \`${origin.source}\`.`, origin.path, origin);
    }
  }

  checkNode(node: FlowNode): void {
    this.checkPrompt(node);
    switch (node.kind) {
      case 'gather':
        if (node.sensitive && !node.secure)
          this.leak(`Sensitive gather \`${node.id}\` is outside the secure section, where input is logged.`, node.origin);
        return;
      case 'http':
        this.checkCall(node.id, node.endpoint, node.secure, node.origin);
        return;
      case 'setAttributes':
        for (const { name, value } of node.attributes)
          this.read(
            value,
            [...node.origin, 'attributes', name, 'ref'],
            (source) => `Attribute \`${name}\` would carry sensitive \`${source}\`.`,
          );
        return;
      case 'condition':
        this.checkCondition(node.condition, [...node.origin, 'if']);
        return;
      case 'route':
        if (node.by)
          this.read(node.by, [...node.origin, 'by', 'ref'], (source) => `The route chooses its queue by sensitive \`${source}\`.`);
        return;
      case 'transfer':
        if (node.target.kind === 'number')
          this.read(
            node.target.number,
            [...node.origin, 'to', 'number', 'ref'],
            (source) => `The transfer would dial sensitive \`${source}\`.`,
          );
        return;
      case 'play':
      case 'assign':
      case 'retry':
      case 'disconnect':
        return;
      case 'menu':
        // A key reaches no variable: the menu carries only its prompt, checked above. Inside the secure section it is as a play.
        return;
      default:
        return assertNever(node);
    }
  }

  checkEndpoint(endpoint: IrEndpoint): void {
    if (!endpoint.verifiesCredential)
      for (const { field, value } of endpoint.body)
        this.read(
          value,
          [...endpoint.origin, 'body', field, 'ref'],
          (source) => `Endpoint \`${endpoint.id}\` does not verify credentials but would receive sensitive \`${source}\` as \`${field}\`.`,
        );
    // Not even the verifier: a URL reaches access logs, proxies and traces on every platform.
    for (const { part, name, value } of urlParameters(endpoint))
      this.read(
        value,
        [...endpoint.origin, part, name, 'ref'],
        (source) => `The URL of endpoint \`${endpoint.id}\` would carry sensitive \`${source}\` as ${part} parameter \`${name}\`.`,
      );
    this.checkText(endpoint.url, [...endpoint.origin, 'url'], `The URL of endpoint \`${endpoint.id}\``);
    for (const header of endpoint.headers)
      this.checkText(
        header.value,
        [...endpoint.origin, 'headers', header.name],
        `Header \`${header.name}\` of endpoint \`${endpoint.id}\``,
      );
  }

  checkExports(): void {
    (this.graph.secure?.exports ?? []).forEach((value, position) =>
      this.read(
        value,
        ['secure', 'exports', position],
        (source) => `The export would carry sensitive \`${source}\` out of the secure section.`,
      ),
    );
  }

  /** The credential travels only inside the secure section: the call that sends it runs there too. */
  private checkCall(step: string, endpointId: string, secure: boolean, origin: SpecPath): void {
    if (secure) return;
    const endpoint = this.endpointsById.get(endpointId);
    if (!endpoint) return;
    const carried = this.firstOrigin(endpoint.body) ?? this.firstOrigin(endpoint.path) ?? this.firstOrigin(endpoint.query);
    if (carried)
      this.leak(`Step \`${step}\` sends sensitive \`${carried.source}\` from outside the secure section, where calls are logged.`, origin);
  }

  private firstOrigin(sent: readonly { value: IrValue }[]): TaintOrigin | undefined {
    for (const { value } of sent) {
      const origin = this.originOf(value);
      if (origin) return origin;
    }
    return undefined;
  }

  /** A branch on a credential reveals it, one comparison at a time. */
  private checkCondition(condition: IrCondition, path: SpecPath): void {
    const pending: { condition: IrCondition; path: SpecPath }[] = [{ condition, path }];
    for (let item = pending.pop(); item !== undefined; item = pending.pop()) {
      const current = item.condition;
      if (current.kind === 'compare')
        this.read(current.subject, [...item.path, 'ref'], (source) => `This condition branches on sensitive \`${source}\`.`);
      else if (current.kind === 'not') pending.push({ condition: current.item, path: [...item.path, 'not'] });
      else current.items.forEach((child, index) => pending.push({ condition: child, path: [...item.path, current.kind, index] }));
    }
  }

  /** A prompt reaches the caller, recordings and transcripts: no value it speaks, and no text it says, may be sensitive. */
  private checkPrompt(node: FlowNode): void {
    if (!('prompt' in node) || node.prompt === undefined) return;
    // The path and the wording are built only for a report: most parts are plain text and literal values.
    for (const part of node.prompt)
      if (part.kind === 'audio') this.checkPromptText(node, part.at, part.fallback);
      else
        for (const piece of part.pieces)
          if (piece.kind === 'text') this.checkPromptText(node, part.at, piece.text);
          else if (this.originOf(piece.value) !== undefined)
            this.read(
              piece.value,
              [...node.origin, ...part.at],
              (source) => `The prompt of \`${node.id}\` would speak sensitive \`${source}\`.`,
            );
  }

  private checkPromptText(node: FlowNode, at: readonly (string | number)[], text: string): void {
    if (this.taintedTemplateName(text) !== undefined) this.checkText(text, [...node.origin, ...at], `The prompt of \`${node.id}\``);
  }

  /** Escaping keeps spec text literal on every target; a template naming a tainted value is refused anyway. */
  private checkText(text: string, path: SpecPath, what: string): void {
    const named = this.taintedTemplateName(text);
    if (named !== undefined) this.leak(`${what} names \`${named}\`, which holds a sensitive value, in a template.`, path);
  }

  /** The first name a template in the text gives that could read a tainted value. */
  private taintedTemplateName(text: string): string | undefined {
    // Without a brace or a dollar sign a text holds no template (templateNames finds nothing): most prompts.
    if (this.taintedNames.size === 0 || (!text.includes('{') && !text.includes('$'))) return undefined;
    return templateNames(text).find((name) => this.taintedNames.has(name));
  }

  private read(value: IrReadable | IrValue, path: SpecPath, message: (source: string) => string): void {
    const origin = this.originOf(value);
    if (origin) this.leak(message(origin.source), path, origin);
  }

  /** `keysOf`, the first key tainted; without its array, since every value the flow reads is asked. */
  private originOf(value: IrValue): TaintOrigin | undefined {
    switch (value.kind) {
      case 'variable':
        return this.taintOfVariable.get(value.name);
      case 'result':
        return this.taintOfEndpoint.get(value.endpoint) ?? this.taint.get(`answer:${value.endpoint}.${value.field}`);
      case 'literal':
      case 'call':
        return undefined;
      default:
        return assertNever(value);
    }
  }

  /**
   * One credential, one verifier: an endpoint that receives it is either the verifier or a leak, and
   * an "audit" endpoint wired like a verifier is usually a logging service. More than one verifier is
   * allowed only when each says why (`verifierReason`).
   */
  checkVerifiers(): void {
    const verifiersOf = new Map<string, IrEndpoint[]>();
    for (const endpoint of this.graph.endpoints) {
      if (!endpoint.verifiesCredential) continue;
      const sources = new Set(endpoint.body.map(({ value }) => this.originOf(value)?.source).filter((source) => source !== undefined));
      for (const source of sources) verifiersOf.set(source, [...(verifiersOf.get(source) ?? []), endpoint]);
    }
    for (const [source, verifiers] of verifiersOf) {
      if (verifiers.length < 2) continue;
      const names = verifiers.map((endpoint) => `\`${endpoint.id}\``).join(', ');
      for (const endpoint of verifiers.filter((candidate) => candidate.verifierReason === undefined))
        this.problems.push({
          code: 'secure/second-verifier',
          message: `Sensitive \`${source}\` is sent to ${verifiers.length} endpoints marked \`verifiesCredential: true\` (${names}); \`${endpoint.id}\` does not say why it verifies it too.`,
          path: [...endpoint.origin, 'verifiesCredential'],
          onKey: true,
          hint: 'A credential goes to one verifier: a logging or audit service must never see it. If this endpoint really verifies it too, add `verifierReason: <why>` to each verifier; otherwise send it what the verifier answers.',
        });
    }
  }

  private leak(message: string, path: SpecPath, origin?: TaintOrigin): void {
    const related =
      origin && origin.path.length > 0 && !this.isDeclaration(origin)
        ? [{ message: `the value of sensitive \`${origin.source}\` gets here`, path: origin.path }]
        : [];
    this.problems.push({ code: 'secure/sensitive-output', message, path, hint: HINT, ...(related.length > 0 ? { related } : {}) });
  }

  private isDeclaration(origin: TaintOrigin): boolean {
    return origin.path[0] === 'variables' && this.sensitiveVariables.has(origin.source);
  }
}

/** Identifiers inside `{…}`, `{{…}}`, `${…}` or after `$`: what Snippet, Velocity or Archy text could substitute. */
export function templateNames(text: string): string[] {
  const names: string[] = [];
  for (const match of text.matchAll(/\{([^{}]*)\}|\$!?([A-Za-z_][\w.]*)/g)) {
    const inside = match[1] ?? match[2] ?? '';
    for (const word of inside.matchAll(/[A-Za-z_]\w*/g)) names.push(word[0]);
  }
  return names;
}

/** Credentials belong to the integration or a secret reference, never to a header written in the spec. */
function checkHeaders(graph: FlowGraph): ReportInput[] {
  return graph.endpoints.flatMap((endpoint) =>
    endpoint.headers
      .filter((header) => header.name.toLowerCase() === 'authorization')
      .map((header) => ({
        code: 'secure/sensitive-output' as const,
        message: `Endpoint \`${endpoint.id}\` sets an \`${header.name}\` header in the spec; credentials are read from a secret reference.`,
        path: [...endpoint.origin, 'headers', header.name],
        onKey: true,
        hint: 'Use `auth: { bearer: <secret> }`; each target reads the token from its own credential store.',
      })),
  );
}
