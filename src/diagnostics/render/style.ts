/** Text styling the renderers use; the CLI passes a coloured one, tests and NO_COLOR the plain one. */
export interface Style {
  error(text: string): string;
  warning(text: string): string;
  info(text: string): string;
  dim(text: string): string;
  bold(text: string): string;
}

const identity = (text: string) => text;

export const plainStyle: Style = { error: identity, warning: identity, info: identity, dim: identity, bold: identity };
