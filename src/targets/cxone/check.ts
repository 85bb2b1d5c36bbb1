import type { FlowGraph } from '../../ir/nodes.js';
import type { EmitProblem } from '../artifact.js';
import { scriptNameOf } from './conventions.js';
import { DIGIT_TIMEOUT_MAX_SECONDS, REST_TIMEOUT_MAX_SECONDS, SCRIPT_NAME } from './facts.js';
import { checkNameClashes } from './name-clashes.js';
import { checkSkills } from './skills.js';
import { calledEndpoints } from './called-endpoints.js';
import { docUrl } from '../../util/package-info.js';
import { ttsText } from './emit/escape.js';
import { groupRepeatedNotes } from '../group-notes.js';

/**
 * CXone limits and naming rules the spec schema allows past, reported once at the spec value that
 * breaks them, and every other report about the spec alone (the emitter keeps only those that
 * depend on --env or the tenant catalog). The target registry runs this for `validate` and
 * `generate` alike; the emitter trusts it (test/registry/emitter-diagnostics.test.ts).
 */
export function checkCxone(graph: FlowGraph): EmitProblem[] {
  return [
    ...checkLimits(graph),
    ...checkNameClashes(graph),
    ...checkScriptName(scriptNameOf(graph)),
    ...checkSkills(graph),
    ...noteTtsRewrites(graph),
    ...checkTransfers(graph),
    ...groupRepeatedNotes(noteIgnoredSkills(graph)),
    ...busNumberProblems(graph),
  ];
}

/** A transfer to a flow is RUNSCRIPT (emit/nodes/transfer.ts): it names a CXone script and has no failure branch. */
function checkTransfers(graph: FlowGraph): EmitProblem[] {
  const problems: EmitProblem[] = [];
  for (const node of graph.nodes) {
    if (node.kind !== 'transfer' || node.target.kind !== 'flow') continue;
    if (node.onFailure !== undefined)
      problems.push({
        code: 'target/unsupported',
        severity: 'warning',
        message: `CXone's RUNSCRIPT has no failure branch: \`onFailure\` of transfer \`${node.id}\` never runs there.`,
        path: [...node.origin, 'onFailure'],
        hint: 'Transfer to a number when the caller needs a way back from a failed transfer.',
      });
    if (!SCRIPT_NAME.test(node.target.flow))
      problems.push({
        code: 'target/limit',
        message: `Transfer \`${node.id}\` names the flow \`${node.target.flow}\`, which is no CXone script name.`,
        path: [...node.origin, 'to', 'flow'],
        hint: 'A CXone script name is 1 to 100 letters, digits, spaces, `.`, `-` and `_`, starting with a letter or digit.',
      });
  }
  return problems;
}

/** REQAGENT routes to one skill (emit/nodes/route.ts); one note per route that lists `skills`. */
function noteIgnoredSkills(graph: FlowGraph): EmitProblem[] {
  return graph.nodes.flatMap((node): EmitProblem[] => {
    if (node.kind !== 'route') return [];
    const targets = [
      ...node.cases.map(({ match, target }) => ({ target, path: ['cases', match] })),
      { target: node.fallback, path: node.by === undefined ? [] : ['default'] },
    ];
    const withSkills = targets.find((item) => item.target.skills.length > 0);
    if (!withSkills) return [];
    return [
      {
        code: 'target/unsupported',
        severity: 'info',
        message: `CXone ignores the route's \`skills\`: REQAGENT routes to one skill, taken from \`targets.cxone.skills\`.`,
        path: [...node.origin, ...withSkills.path, 'skills'],
        hint: 'Model the requirement as its own CXone skill.',
      },
    ];
  });
}

/**
 * A TTS segment cannot hold `"` (it delimits segments), and braces would name a variable, so the
 * emitter rewrites them and folds line breaks (escape.ts `ttsText`, docs/cxone.md). The caller hears
 * almost the same words; the note says where, so nobody is surprised by the script's text.
 */
function noteTtsRewrites(graph: FlowGraph): EmitProblem[] {
  return graph.nodes.flatMap((node) => {
    const parts = 'prompt' in node && node.prompt !== undefined ? node.prompt : [];
    return parts.flatMap((part) => {
      if (part.kind !== 'tts') return [];
      const text = part.pieces.map((piece) => (piece.kind === 'text' ? piece.text : '…')).join('');
      if (!/["{}\r\n\t]/.test(text)) return [];
      return [
        {
          code: 'target/tts-rewrite' as const,
          severity: 'info' as const,
          message: `On CXone this prompt is read as \`${ttsText(text)}\`: quotes become apostrophes, braces parentheses and line breaks spaces.`,
          path: [...node.origin, ...part.at],
          hint: `Write the prompt without quotes, braces and line breaks to have both platforms say the same text (${docUrl('cxone.md')}).`,
        },
      ];
    });
  });
}

function checkLimits(graph: FlowGraph): EmitProblem[] {
  const problems: EmitProblem[] = [];
  for (const endpoint of calledEndpoints(graph)) {
    if (endpoint.timeoutSeconds <= REST_TIMEOUT_MAX_SECONDS) continue;
    problems.push({
      code: 'target/limit',
      message: `CXone waits at most ${REST_TIMEOUT_MAX_SECONDS} s for a REST call; \`${endpoint.id}\` asks for ${endpoint.timeoutSeconds} s.`,
      path: [...endpoint.origin, 'timeoutSeconds'],
      hint: `Use ${REST_TIMEOUT_MAX_SECONDS} or less, and remember the REST API action retries twice on its own.`,
    });
  }
  for (const endpoint of calledEndpoints(graph)) {
    for (const field of endpoint.body.filter((entry) => entry.value.type !== 'string')) {
      problems.push({
        code: 'target/unsupported',
        severity: 'warning',
        message: `CXone sends every body value as text: \`${field.field}\` (${field.value.type}) reaches \`${endpoint.id}\` as a JSON string.`,
        path: [...endpoint.origin, 'body', field.field],
        hint: `asjson() treats every value as a string (${docUrl('cxone.md')}); make the middleware accept the text form, or send it as a string on both platforms.`,
      });
    }
  }
  for (const node of graph.nodes) {
    if (node.kind !== 'gather') continue;
    for (const [key, seconds] of [
      ['timeoutSeconds', node.timeoutSeconds],
      ['interDigitTimeoutSeconds', node.interDigitTimeoutSeconds],
    ] as const) {
      if (seconds === undefined || seconds <= DIGIT_TIMEOUT_MAX_SECONDS) continue;
      problems.push({
        code: 'target/limit',
        message: `CXone digit timeouts are at most ${DIGIT_TIMEOUT_MAX_SECONDS} s; \`${node.id}\` asks for ${seconds} s.`,
        path: [...node.origin, key],
        hint: `Use ${DIGIT_TIMEOUT_MAX_SECONDS} or less.`,
      });
    }
  }
  return problems;
}

/** Studio refuses other script names; a path could land elsewhere on the tenant. */
function checkScriptName(scriptName: string): EmitProblem[] {
  if (/\{\{[A-Za-z0-9_.-]+\}\}/.test(scriptName) || SCRIPT_NAME.test(scriptName)) return [];
  return [
    {
      code: 'target/unsupported',
      severity: 'warning',
      message: `CXone script name \`${scriptName}\` is not 1 to 100 letters, digits, spaces, dots, dashes or underscores.`,
      path: ['targets', 'cxone', 'scriptName'],
      hint: 'Use a plain name; choose the folder when you upload the script.',
    },
  ];
}

/**
 * `targets.cxone.busNo` after --env (the schema allows only digits or a placeholder): an error when
 * the environment's value is not digits. Without one, the emitter notes who fills the header.
 */
export function busNumberProblems(graph: FlowGraph): EmitProblem[] {
  const configured = graph.targets.cxone?.busNo;
  if (typeof configured === 'string' && !/^[0-9]+$/.test(configured) && !/\{\{[A-Za-z0-9_.-]+\}\}/.test(configured))
    return [
      {
        code: 'target/unsupported',
        message: `\`targets.cxone.busNo\` is \`${configured}\`, not a business unit number.`,
        path: ['targets', 'cxone', 'busNo'],
        hint: 'Give it (or its value in the --env file) as digits, e.g. `4051234`.',
      },
    ];
  return [];
}
