import type { Diagnostic } from '../diagnostic.js';

/**
 * GitHub Actions workflow commands: each diagnostic becomes an annotation on the file and line.
 * `::error file=flows/x.yaml,line=12,col=5,endLine=12,endColumn=9,title=schema/unknown-key::message`
 */
export function renderGithub(diagnostics: readonly Diagnostic[]): string {
  return diagnostics.map(annotation).join('');
}

function annotation(diagnostic: Diagnostic): string {
  const command = diagnostic.severity === 'info' ? 'notice' : diagnostic.severity;
  const properties = [`file=${escapeProperty(diagnostic.file)}`];
  if (diagnostic.span) {
    const { start, end } = diagnostic.span;
    properties.push(`line=${start.line}`, `col=${start.column}`, `endLine=${end.line}`, `endColumn=${end.column}`);
  }
  properties.push(`title=${escapeProperty(diagnostic.code)}`);
  const message = diagnostic.hint ? `${diagnostic.message}\n${diagnostic.hint}` : diagnostic.message;
  return `::${command} ${properties.join(',')}::${escapeData(message)}\n`;
}

/** The toolkit's escaping for command data: %, CR and LF. */
export function escapeData(text: string): string {
  return text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

/** Property values also escape `:` and `,`, which separate properties. */
export function escapeProperty(text: string): string {
  return escapeData(text).replace(/:/g, '%3A').replace(/,/g, '%2C');
}
