import type { SpecPath } from '../../diagnostics/diagnostic.js';
import type { FlowGraph } from '../../ir/nodes.js';
import type { EmitProblem } from '../artifact.js';
import { isPlainPropertyText } from './emit/escape.js';

/** What a REQAGENT `Skill` value names (docs/cxone.md, *Skills*). */
export type SkillForm = 'id' | 'name' | 'placeholder' | 'queue id';

export interface SkillChoice {
  /** The text written into REQAGENT's `Skill` property. */
  value: string;
  form: SkillForm;
}

const PLACEHOLDERS = /\{\{[A-Za-z0-9_.-]+\}\}/g;
const HAS_PLACEHOLDER = /\{\{[A-Za-z0-9_.-]+\}\}/;
/** A CXone skill id is a positive integer (NICE's sample script stores ids such as 2004108). */
const SKILL_ID = /^[1-9][0-9]{0,9}$/;

/**
 * The skill REQAGENT routes a queue to: `targets.cxone.skills.<queue>` as a numeric id or a name,
 * checked for the shapes Studio would misread. Without one, the queue id (a warning).
 */
export function chooseSkill(graph: FlowGraph, queue: string, usedAt: SpecPath, report: (problem: EmitProblem) => void): SkillChoice {
  const configured = graph.targets.cxone?.skills?.[queue];
  const path: SpecPath = ['targets', 'cxone', 'skills', queue];
  if (configured === undefined) {
    report({
      code: 'target/unsupported',
      severity: 'warning',
      message: `Queue \`${queue}\` has no CXone skill; the script names the skill \`${queue}\`.`,
      path: usedAt,
      hint: `Add \`targets.cxone.skills.${queue}: <skill id or name>\`.`,
    });
    return { value: queue, form: 'queue id' };
  }
  if (typeof configured === 'number') return { value: String(configured), form: 'id' };
  const problem = skillShapeProblem(configured);
  if (problem !== undefined) report({ code: 'target/unsupported', message: problem.message, path, hint: problem.hint });
  if (/^\s*default\s*$/i.test(configured))
    report({
      code: 'target/unsupported',
      severity: 'warning',
      message: `CXone skill \`${configured}\` is REQAGENT's word for the point of contact's default skill, not a skill of queue \`${queue}\`.`,
      path,
      hint: 'Name the skill (or give its id) that agents of this queue are assigned to.',
    });
  if (HAS_PLACEHOLDER.test(configured)) return { value: configured, form: 'placeholder' };
  return { value: configured, form: SKILL_ID.test(configured) ? 'id' : 'name' };
}

function skillShapeProblem(skill: string): { message: string; hint: string } | undefined {
  const outside = skill.replace(PLACEHOLDERS, '');
  if (!isPlainPropertyText(outside))
    return {
      message: `CXone skill \`${skill}\` has a brace, quote or control character, which Studio would read as a variable in the REQAGENT Skill property.`,
      hint: 'Use the skill name as CXone shows it, or its numeric id; `{{placeholders}}` are fine.',
    };
  if (skill.trim() !== skill)
    return {
      message: `CXone skill \`${skill}\` starts or ends with a space, so it names no skill as CXone shows it.`,
      hint: 'Remove the spaces.',
    };
  if (/^[0-9]+$/.test(skill) && !SKILL_ID.test(skill))
    return {
      message: `CXone skill \`${skill}\` looks like a skill id, but an id is a positive number without leading zeros.`,
      hint: 'Copy the id from ACD > Skills, or write the skill name.',
    };
  return undefined;
}
