import type { FlowGraph, FlowNode } from '../../../ir/nodes.js';
import { assertNever } from '../../../util/assert.js';
import type { EmitOptions, EmitProblem, EmitResult } from '../../artifact.js';
import { action, assignChain } from './actions.js';
import { buildCatalog } from '../catalog/index.js';
import { next, stepKey, type DraftAction, type MapContext } from './draft.js';
import { mapGather } from './nodes/gather.js';
import { mapHttp } from './nodes/http.js';
import { mapRoute } from './nodes/route.js';
import { mapMenu } from './nodes/menu.js';
import { mapTransfer } from './nodes/transfer.js';
import { mapAssign } from './nodes/assign.js';
import { mapCondition } from './nodes/condition.js';
import { mapDisconnect } from './nodes/disconnect.js';
import { mapPlay } from './nodes/play.js';
import { mapRetry } from './nodes/retry.js';
import { mapSetAttributes } from './nodes/set-attributes.js';
import { redactedVariables } from './redacted.js';
import { groupRepeatedNotes } from '../../group-notes.js';
import { encodeVariableRedaction } from './redaction.js';
import { numberActions } from './script.js';
import { scriptText } from './script-text.js';
import type { SpecPath } from '../../../diagnostics/diagnostic.js';
import { caption, scriptNameOf } from '../conventions.js';
import { checkUnfilledPlaceholders } from '../placeholders.js';
import { reportCredentialExposure } from '../credential-exposure.js';
import { busNumber } from './bus-number.js';
import { reportRepeatedRequests } from './repeated-requests.js';

export type { CatalogEntry } from '../catalog/types.js';

const BEGIN_KEY = 'begin';
/** Without a tenant catalog every flow uses the same entries: built once, so their encoded text (script-text.ts) is reused too. */
const BUILTIN_CATALOG = buildCatalog();

/** The flow as a CXone Studio script: one `cxone/<scriptName>.json`, the body of `POST …/scripts`. */
export function emitCxone(graph: FlowGraph, options: EmitOptions): EmitResult {
  // What is about the spec alone is check.ts's, run by `validate` too; these are about --env and the script written.
  const problems: EmitProblem[] = [
    ...(options.placeholders === 'keep' ? [] : checkUnfilledPlaceholders(graph)),
    ...reportCredentialExposure(graph),
  ];
  const catalog = options.cxoneCatalog?.length ? buildCatalog(options.cxoneCatalog) : BUILTIN_CATALOG;
  problems.push(...reportRepeatedRequests(graph, catalog));
  const retries = retryEntries(graph);
  const ctx: MapContext = {
    graph,
    catalog,
    specFile: options.specFile,
    problems,
    enter: (from, to) => (from !== undefined && retries.get(to)?.has(from.id) ? stepKey(to, 'check') : stepKey(to)),
    report: (problem) => problems.push(problem),
  };
  const drafts = beginActions(graph, ctx);
  for (const node of graph.nodes) for (const draft of mapNode(node, ctx)) drafts.push(withOrigin(draft, node.origin));
  const scriptName = scriptNameOf(graph);
  const numbered = numberActions(drafts, BEGIN_KEY);
  const contents = scriptText(numbered, catalog, {
    scriptName,
    busNo: busNumber(graph, ctx.report),
    variableRedaction: encodeVariableRedaction(redactedVariables(graph, catalog)),
  });
  return {
    artifacts: [
      {
        path: `cxone/${scriptFileName(scriptName)}.json`,
        contents,
        target: 'cxone',
        kind: 'script',
        origins: actionOrigins(numbered.order),
      },
    ],
    problems: groupRepeatedNotes(problems),
  };
}

/** A transition back to a retry from inside its attempt enters at the attempt check, not the counter reset: the steps that do, by retry. */
function retryEntries(graph: FlowGraph): Map<string, ReadonlySet<string>> {
  const retries = new Map<string, ReadonlySet<string>>();
  for (const node of graph.nodes) if (node.kind === 'retry') retries.set(node.id, new Set(node.repeatsFrom));
  return retries;
}

/** Action id → the spec path its draft came from. For publish diagnostics only. `order` is the drafts in action-id order (id = position + 1). */
function actionOrigins(order: readonly DraftAction[]): Record<string, SpecPath> {
  const origins: Record<string, SpecPath> = {};
  for (let position = 0; position < order.length; position++) {
    const origin = order[position]!.origin;
    if (origin) origins[String(position + 1)] = origin;
  }
  return origins;
}

/** BEGIN (its origin `start`), then the initial value of each variable that has one, then the start step. */
function beginActions(graph: FlowGraph, ctx: MapContext): DraftAction[] {
  const initial = graph.variables.filter((variable) => variable.initial !== undefined && !variable.sensitive);
  const keys = initial.map((variable) => `init:${variable.name}`);
  const start = ctx.enter(undefined, graph.start);
  const actions = [withOrigin(action(BEGIN_KEY, 'BEGIN', 'Begin', {}, [next(keys[0] ?? start)]), ['start'])];
  initial.forEach((variable, position) => {
    const chain = assignChain(
      {
        key: keys[position]!,
        label: caption(variable.name, 'initial value'),
        variable: variable.name,
        value: { kind: 'literal', value: variable.initial!, type: variable.type },
        screenPop: false,
        specFile: ctx.specFile,
      },
      keys[position + 1] ?? start,
    );
    const origin = ['variables', variable.name, 'initial'];
    for (const draft of chain) actions.push(withOrigin(draft, origin));
  });
  return actions;
}

/** A draft just made, with the origin its mapping does not know (so the numbering never parses it back out of the key). */
function withOrigin(draft: DraftAction, origin: SpecPath): DraftAction {
  draft.origin = origin;
  return draft;
}

function mapNode(node: FlowNode, ctx: MapContext): DraftAction[] {
  switch (node.kind) {
    case 'play':
      return mapPlay(node, ctx);
    case 'gather':
      return mapGather(node, ctx);
    case 'http':
      return mapHttp(node, ctx);
    case 'condition':
      return mapCondition(node, ctx);
    case 'assign':
      return mapAssign(node, ctx);
    case 'setAttributes':
      return mapSetAttributes(node, ctx);
    case 'retry':
      return mapRetry(node, ctx);
    case 'route':
      return mapRoute(node, ctx);
    case 'menu':
      return mapMenu(node, ctx);
    case 'transfer':
      return mapTransfer(node, ctx);
    case 'disconnect':
      return mapDisconnect(node);
    default:
      return assertNever(node);
  }
}

/** A file name that cannot leave `cxone/`: letters, digits, `.`, `_` and `-`, no leading dot. */
function scriptFileName(scriptName: string): string {
  const name = scriptName
    .replace(/[^A-Za-z0-9._-]+/g, '-')
    .replace(/^[.-]+/, '')
    .slice(0, 100);
  return name === '' ? 'script' : name;
}
