import type { FlowGraph } from '../../ir/nodes.js';
import type { Recorder } from '../../targets/engine-contract.js';

/** Which steps and transitions of the spec the scenarios exercised (measured on the spec engine). */
export interface Coverage {
  steps: { total: number; missed: string[] };
  /** Transitions as `from.name -> to`. */
  transitions: { total: number; missed: string[] };
}

export class CoverageCounter {
  private readonly steps = new Set<string>();
  private readonly transitions = new Set<string>();

  add(recorder: Recorder): void {
    for (const event of recorder.events) {
      if (event.kind === 'step') this.steps.add(event.step);
      else if (event.kind === 'transition') this.transitions.add(transitionKey(event.from, event.name, event.to));
    }
  }

  result(graph: FlowGraph): Coverage {
    const transitions = graph.nodes.flatMap((node) => node.edges.map((edge) => transitionKey(node.id, edge.name, edge.to)));
    return {
      steps: { total: graph.nodes.length, missed: graph.nodes.map((node) => node.id).filter((id) => !this.steps.has(id)) },
      transitions: { total: transitions.length, missed: transitions.filter((key) => !this.transitions.has(key)) },
    };
  }
}

function transitionKey(from: string, name: string, to: string): string {
  return `${from}.${name} -> ${to}`;
}
