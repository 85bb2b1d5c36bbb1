import { assertNever } from '../../../util/assert.js';
import { EngineError, secretStandIn } from '../../engine-contract.js';
import { encodeUrlComponent } from '../../../flowspec/url-parameters.js';

/**
 * The Velocity subset src/emit/genesys/velocity.ts and data-action.ts write (docs/genesys.md §4.2):
 * `${input.x}`, `$esc.jsonString(${input.x})`, `$esc.uriEncode(${input.x})`, `${credentials.x}`, a success template's `${x}`, and
 * `${esc.d}` / `${esc.h}` for a literal `$` / `#`. Any other `$` or `#` would be a Velocity reference
 * or directive this engine does not model: an EngineError when the data action is read.
 */
export type Segment =
  | { kind: 'text'; text: string }
  | { kind: 'input'; name: string; escape: 'jsonString' | 'uriEncode' | 'none' }
  | { kind: 'credential'; name: string }
  | { kind: 'output'; name: string };

export type SegmentKind = Segment['kind'];

const NAME = '[A-Za-z_][A-Za-z0-9_-]*';
const FORMS: readonly { pattern: RegExp; segment: (match: RegExpExecArray) => Segment }[] = [
  // Velocity EscapeTool `d` and `h` (UNVERIFIED in Genesys, src/emit/genesys/unverified.ts).
  { pattern: /\$\{esc\.d\}/y, segment: () => ({ kind: 'text', text: '$' }) },
  { pattern: /\$\{esc\.h\}/y, segment: () => ({ kind: 'text', text: '#' }) },
  { pattern: /\$\{esc\.b\}/y, segment: () => ({ kind: 'text', text: '\\' }) },
  {
    pattern: new RegExp(`\\$esc\\.jsonString\\(\\$\\{input\\.(${NAME})\\}\\)`, 'y'),
    segment: (match) => ({ kind: 'input', name: match[1]!, escape: 'jsonString' }),
  },
  // A path or query value of the url (spec 1.1; its character set is UNVERIFIED, unverified.ts).
  {
    pattern: new RegExp(`\\$esc\\.uriEncode\\(\\$\\{input\\.(${NAME})\\}\\)`, 'y'),
    segment: (match) => ({ kind: 'input', name: match[1]!, escape: 'uriEncode' }),
  },
  { pattern: new RegExp(`\\$\\{input\\.(${NAME})\\}`, 'y'), segment: (match) => ({ kind: 'input', name: match[1]!, escape: 'none' }) },
  { pattern: new RegExp(`\\$\\{credentials\\.(${NAME})\\}`, 'y'), segment: (match) => ({ kind: 'credential', name: match[1]! }) },
  { pattern: new RegExp(`\\$\\{(${NAME})\\}`, 'y'), segment: (match) => ({ kind: 'output', name: match[1]! }) },
];

/** Splits a template into segments; `allowed` says which references the field may hold. */
export function parseTemplate(template: string, allowed: readonly SegmentKind[], where: string): Segment[] {
  const segments: Segment[] = [];
  let text = '';
  for (let position = 0; position < template.length;) {
    const char = template[position]!;
    if (char === '#') throw new EngineError(`a Velocity directive or comment (\`#\` at offset ${position}) is not modelled`, where);
    if (char === '\\' && (template[position + 1] === '$' || template[position + 1] === '#'))
      throw new EngineError(
        `a Velocity escape (a backslash before \`${template[position + 1]}\` at offset ${position}) is not modelled`,
        where,
      );
    if (char !== '$') {
      text += char;
      position += 1;
      continue;
    }
    const { segment, length } = readReference(template, position, where);
    if (segment.kind === 'text') text += segment.text;
    else {
      if (!allowed.includes(segment.kind)) throw new EngineError(`a ${segment.kind} reference is not expected in this template`, where);
      if (text !== '') segments.push({ kind: 'text', text });
      text = '';
      segments.push(segment);
    }
    position += length;
  }
  if (text !== '') segments.push({ kind: 'text', text });
  return segments;
}

function readReference(template: string, position: number, where: string): { segment: Segment; length: number } {
  for (const form of FORMS) {
    form.pattern.lastIndex = position;
    const match = form.pattern.exec(template);
    if (match) return { segment: form.segment(match), length: match[0].length };
  }
  throw new EngineError(
    `unsupported Velocity reference at offset ${position}: ${JSON.stringify(template.slice(position, position + 30))}`,
    where,
  );
}

export interface TemplateValues {
  /** Input text by name (already converted from the Architect value). */
  inputs?: ReadonlyMap<string, string>;
  /** Translated response values as JSON text, by translation map key. */
  outputs?: ReadonlyMap<string, string>;
}

/**
 * Renders parsed segments. A credential becomes the secret stand-in (the integration holds the
 * value). UNVERIFIED: `$esc.jsonString` escapes as JSON string content does (`"`, `\`, control
 * characters), and leaves `/` and non-ASCII text as they are.
 */
export function renderTemplate(segments: readonly Segment[], values: TemplateValues, where: string): string {
  let rendered = '';
  for (const segment of segments) rendered += renderSegment(segment, values, where);
  return rendered;
}

function renderSegment(segment: Segment, values: TemplateValues, where: string): string {
  switch (segment.kind) {
    case 'text':
      return segment.text;
    case 'credential':
      return secretStandIn(segment.name);
    case 'input': {
      const value = values.inputs?.get(segment.name);
      if (value === undefined) throw new EngineError(`the template reads input ${segment.name}, which the action has no value for`, where);
      if (segment.escape === 'jsonString') return JSON.stringify(value).slice(1, -1);
      return segment.escape === 'uriEncode' ? encodeUrlComponent(value) : value;
    }
    case 'output': {
      const value = values.outputs?.get(segment.name);
      if (value === undefined)
        throw new EngineError(`the template reads ${segment.name}, which the translation map does not define`, where);
      return value;
    }
    default:
      return assertNever(segment);
  }
}

/** Names of the inputs (or outputs) a parsed template reads. */
export function referencedNames(segments: readonly Segment[], kind: 'input' | 'output' | 'credential'): string[] {
  return segments.flatMap((segment) => (segment.kind === kind ? [segment.name] : []));
}
