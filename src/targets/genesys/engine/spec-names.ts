import type { FlowGraph } from '../../../ir/nodes.js';
import { EngineError } from '../../engine-contract.js';

/**
 * Genesys names back to spec names, the one thing the engine reads the graph for. The emitter names
 * each action after its step (`collectPin`) or with a detail (`routeByTier: default`), and a queue
 * by `targets.genesys.queues`, defaulting to the queue id (src/emit/genesys/names.ts).
 */
export class SpecNames {
  private readonly steps: ReadonlySet<string>;
  private readonly retries: ReadonlySet<string>;
  private readonly queues = new Map<string, string[]>();
  private readonly stepOfAction = new Map<string, string | undefined>();

  constructor(graph: FlowGraph) {
    this.steps = new Set(graph.nodes.map((node) => node.id));
    this.retries = new Set(graph.nodes.filter((node) => node.kind === 'retry').map((node) => node.id));
    for (const queue of graph.queues) {
      const name = graph.targets.genesys?.queues?.[queue.id] ?? queue.id;
      this.queues.set(name, [...(this.queues.get(name) ?? []), queue.id]);
    }
  }

  /** The spec step an action belongs to, or undefined for an action of no step; read at every action, so kept per name. */
  stepOf(actionName: string): string | undefined {
    if (this.stepOfAction.has(actionName)) return this.stepOfAction.get(actionName);
    const step = this.findStep(actionName);
    this.stepOfAction.set(actionName, step);
    return step;
  }

  private findStep(actionName: string): string | undefined {
    if (this.steps.has(actionName)) return actionName;
    const separator = actionName.indexOf(': ');
    const head = separator === -1 ? undefined : actionName.slice(0, separator);
    return head !== undefined && this.steps.has(head) ? head : undefined;
  }

  isRetry(step: string): boolean {
    return this.retries.has(step);
  }

  /** The spec queue a Genesys queue name stands for; unknown or shared names cannot be mapped. */
  queueOf(name: string, where: string): string {
    const ids = this.queues.get(name) ?? [];
    if (ids.length !== 1)
      throw new EngineError(
        ids.length === 0
          ? `queue ${JSON.stringify(name)} is no spec queue`
          : `queue ${JSON.stringify(name)} stands for spec queues ${ids.join(', ')}`,
        where,
      );
    return ids[0]!;
  }
}
