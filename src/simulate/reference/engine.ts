import type {
  FlowGraph,
  FlowNode,
  GatherNode,
  HttpNode,
  IrEndpoint,
  IrPrompt,
  MenuNode,
  RouteNode,
  RouteTarget,
  TransferNode,
} from '../../ir/nodes.js';
import { spokenPrompt } from '../../ir/prompt.js';
import { choiceTransition } from '../../flowspec/transitions.js';
import { assertNever } from '../../util/assert.js';
import {
  CallerScript,
  EngineError,
  MAX_STEPS_PER_CALL,
  type Engine,
  type HttpReply,
  type HttpRequest,
  type Recorder,
  type SimulationInput,
} from '../../targets/engine-contract.js';
import { attributeText, buildRequest, classifyReply, collectDigits, evaluate, holds, type SimValue, type ValueScope } from './values.js';

/** The reference engine: it interprets the IR, so it says what the spec means. */
export function createSpecEngine(graph: FlowGraph): Engine {
  const nodes = new Map(graph.nodes.map((node) => [node.id, node]));
  const endpoints = new Map(graph.endpoints.map((endpoint) => [endpoint.id, endpoint]));
  return {
    name: 'spec',
    limits: [],
    *run(input, recorder) {
      const call = new SpecCall(graph, input, recorder);
      let current: string | undefined = graph.start;
      for (let count = 0; current !== undefined; count += 1) {
        if (count >= MAX_STEPS_PER_CALL) throw new EngineError(`more than ${MAX_STEPS_PER_CALL} steps in one call`, `steps.${current}`);
        const node = nodes.get(current);
        if (!node) throw new EngineError(`no step ${current}`);
        recorder.step(node.id);
        const transition: string | undefined = node.kind === 'http' ? yield* call.http(node, endpoints) : call.execute(node);
        current = transition === undefined ? undefined : call.follow(node, transition);
      }
    },
  };
}

/** The state of one call: variables, results and attempt counters. */
class SpecCall {
  private readonly variables = new Map<string, SimValue>();
  private readonly results = new Map<string, Map<string, SimValue>>();
  private readonly attempts = new Map<string, number>();
  private readonly caller: CallerScript;
  private readonly scope: ValueScope;

  constructor(
    graph: FlowGraph,
    private readonly input: SimulationInput,
    private readonly recorder: Recorder,
  ) {
    for (const variable of graph.variables) this.variables.set(variable.name, variable.initial);
    this.caller = new CallerScript(input.caller, recorder);
    this.scope = { call: input.call, variables: this.variables, results: this.results };
  }

  /** Records what a prompt says, each value read now and spoken as text (empty when unset). */
  private say(prompt: IrPrompt): void {
    this.recorder.prompt(spokenPrompt(prompt, (value) => attributeText(evaluate(value, this.scope))));
  }

  /** Runs a step that needs no HTTP; returns the transition taken, or undefined when the call ended. */
  execute(node: Exclude<FlowNode, HttpNode>): string | undefined {
    switch (node.kind) {
      case 'play':
        this.say(node.prompt);
        return 'next';
      case 'gather':
        return this.gather(node);
      case 'condition':
        return holds(node.condition, this.scope) ? 'then' : 'else';
      case 'assign':
        for (const { variable, value } of node.assignments) this.variables.set(variable, evaluate(value, this.scope));
        return 'next';
      case 'setAttributes':
        for (const { name, value } of node.attributes) this.recorder.attribute(name, attributeText(evaluate(value, this.scope)));
        return 'next';
      case 'retry':
        return this.retry(node.id, node.maxAttempts);
      case 'route':
        return this.route(node);
      case 'menu':
        return this.menu(node);
      case 'transfer':
        return this.transfer(node);
      case 'disconnect':
        if (node.prompt !== undefined) this.say(node.prompt);
        this.recorder.end({ kind: 'disconnect' });
        return undefined;
      default:
        return assertNever(node);
    }
  }

  *http(node: HttpNode, endpoints: ReadonlyMap<string, IrEndpoint>): Generator<HttpRequest, string, HttpReply> {
    const endpoint = endpoints.get(node.endpoint);
    if (!endpoint) throw new EngineError(`no endpoint ${node.endpoint}`, `steps.${node.id}`);
    const request = buildRequest(endpoint, this.scope);
    this.recorder.request(request);
    const outcome = classifyReply(endpoint, yield request);
    this.results.set(node.result, outcome.transition === 'onTimeout' ? new Map<string, SimValue>() : outcome.fields);
    return outcome.transition;
  }

  follow(node: FlowNode, transition: string): string {
    const edge = node.edges.find((candidate) => candidate.name === transition);
    if (!edge) throw new EngineError(`step ${node.id} has no transition ${transition}`, `steps.${node.id}`);
    this.recorder.transition(node.id, transition, edge.to);
    return edge.to;
  }

  private gather(node: GatherNode): string {
    this.say(node.prompt);
    const entry = this.caller.take(node.id);
    if (entry.kind === 'silence') return 'onNoInput';
    const digits = collectDigits(entry.keys, node.terminator, node.digits.max);
    if (digits.length < node.digits.min) return 'onNoInput';
    this.variables.set(node.variable, digits);
    return 'next';
  }

  /**
   * One key per try (docs/spec.md, `menu`): the first key of an entry decides, `#` included; the
   * prompt plays again after no key or an unlisted one, and the last try picks the way out.
   */
  private menu(node: MenuNode): string {
    let missed = 'onNoInput';
    for (let attempt = 1; attempt <= node.attempts; attempt += 1) {
      this.say(node.prompt);
      const entry = this.caller.take(node.id);
      const key = entry.kind === 'silence' ? undefined : entry.keys.charAt(0);
      if (key === undefined || key === '') missed = 'onNoInput';
      else if (node.choices.some((choice) => choice.key === key)) return choiceTransition(key);
      else missed = 'onNoMatch';
    }
    return missed;
  }

  private retry(id: string, maxAttempts: number): string {
    const attempt = (this.attempts.get(id) ?? 0) + 1;
    this.attempts.set(id, attempt);
    if (attempt > maxAttempts) return 'onExhausted';
    this.recorder.attempt(id, attempt);
    return 'body';
  }

  private route(node: RouteNode): string | undefined {
    if (node.prompt !== undefined) this.say(node.prompt);
    const target = this.target(node);
    if (this.input.transfer === 'fails') {
      if (node.onFailure !== undefined) return 'onFailure';
      // No failure path: the platform drops the call.
      this.recorder.end({ kind: 'disconnect' });
      return undefined;
    }
    this.recorder.end({ kind: 'route', queue: target.queue, priority: target.priority, skills: target.skills });
    return undefined;
  }

  /**
   * A transfer out (spec 1.1). An unset number cannot be dialled: it fails like a refused transfer.
   * Without a failure path the platform ends the call (always so inside the secure section).
   */
  private transfer(node: TransferNode): string | undefined {
    if (node.prompt !== undefined) this.say(node.prompt);
    const number = node.target.kind === 'number' ? evaluate(node.target.number, this.scope) : undefined;
    const dialable = node.target.kind === 'flow' || (number !== undefined && String(number) !== '');
    if (this.input.transfer === 'fails' || !dialable) {
      if (node.onFailure !== undefined) return 'onFailure';
      this.recorder.end({ kind: 'disconnect' });
      return undefined;
    }
    const end =
      node.target.kind === 'flow' ? { to: 'flow' as const, target: node.target.flow } : { to: 'number' as const, target: String(number) };
    this.recorder.end({ kind: 'transfer', ...end });
    return undefined;
  }

  private target(node: RouteNode): RouteTarget {
    if (node.by === undefined) return node.fallback;
    const value = evaluate(node.by, this.scope);
    const matched = value === undefined ? undefined : node.cases.find((entry) => entry.match === String(value));
    return matched?.target ?? node.fallback;
  }
}
