import type { SpecPath } from '../../diagnostics/diagnostic.js';
import type { FlowGraph } from '../../ir/nodes.js';
import type { EmitProblem } from '../artifact.js';

/**
 * REQAGENT's `Skill` per queue: `targets.cxone.skills.<queue>` as a numeric skill id or a skill
 * name (docs/cxone.md, *Skills*: NICE's sample script stores ids, outboundani/cxone-mcp sends names);
 * without one, the queue id.
 */
export function skillValue(graph: FlowGraph, queue: string): string {
  const configured = graph.targets.cxone?.skills?.[queue];
  return configured === undefined ? queue : String(configured);
}

/** A CXone skill id is a positive integer (NICE's sample script stores ids such as 2004108). */
const SKILL_ID = /^[1-9][0-9]{0,9}$/;
const PLACEHOLDERS = /\{\{[A-Za-z0-9_.-]+\}\}/g;
/** What Studio reads as a `{variable}` substitution or cannot hold in a property. */
const NOT_PROPERTY_TEXT = /[{}"\\\u0000-\u001f\u007f\u2028\u2029]/;

/** The skill of every queue a route uses, checked for shapes that cannot name a CXone skill. */
export function checkSkills(graph: FlowGraph): EmitProblem[] {
  const problems: EmitProblem[] = [];
  for (const [queue, usedAt] of routedQueues(graph)) {
    const configured = graph.targets.cxone?.skills?.[queue];
    if (configured === undefined)
      problems.push({
        code: 'target/unsupported',
        severity: 'warning',
        message: `Queue \`${queue}\` has no CXone skill; the script names the skill \`${queue}\`.`,
        path: usedAt,
        hint: `Add \`targets.cxone.skills.${queue}: <skill id or name>\`.`,
      });
    else if (typeof configured === 'string') problems.push(...skillShapeProblems(configured, ['targets', 'cxone', 'skills', queue]));
  }
  return problems;
}

function skillShapeProblems(skill: string, path: SpecPath): EmitProblem[] {
  const problem = (message: string, hint: string, severity?: 'warning'): EmitProblem => ({
    code: 'target/unsupported',
    message,
    path,
    hint,
    ...(severity ? { severity } : {}),
  });
  if (NOT_PROPERTY_TEXT.test(skill.replace(PLACEHOLDERS, '')))
    return [
      problem(
        `CXone skill \`${skill}\` has a brace, quote or control character, which Studio would read as a variable in the REQAGENT Skill property.`,
        'Use the skill name as CXone shows it, or its numeric id; `{{placeholders}}` are fine.',
      ),
    ];
  if (skill.trim() !== skill)
    return [problem(`CXone skill \`${skill}\` starts or ends with a space, so it names no skill.`, 'Remove the spaces.')];
  if (/^[0-9]+$/.test(skill) && !SKILL_ID.test(skill))
    return [
      problem(
        `CXone skill \`${skill}\` looks like a skill id, but an id is a positive number without leading zeros.`,
        'Copy the id from ACD > Skills, or write the skill name.',
      ),
    ];
  if (/^default$/i.test(skill))
    return [
      problem(
        `CXone skill \`${skill}\` is REQAGENT's word for the point of contact's default skill, not a skill of its own.`,
        'Name the skill (or give its id) that agents of this queue are assigned to.',
        'warning',
      ),
    ];
  return [];
}

/** Each queue a route sends calls to, with the first place that does (where a missing skill is reported). */
export function routedQueues(graph: FlowGraph): Map<string, SpecPath> {
  const queues = new Map<string, SpecPath>();
  for (const node of graph.nodes) {
    if (node.kind !== 'route') continue;
    const targets = [
      ...node.cases.map((item) => ({ queue: item.target.queue, path: [...node.origin, 'cases', item.match] })),
      { queue: node.fallback.queue, path: node.by === undefined ? [...node.origin] : [...node.origin, 'default'] },
    ];
    for (const { queue, path } of targets) if (!queues.has(queue)) queues.set(queue, path);
  }
  return queues;
}
