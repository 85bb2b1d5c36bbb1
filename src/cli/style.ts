import { plainStyle, type Style } from '../diagnostics/render/style.js';
import type { CliIo } from './io.js';

/** Colour, or plain text; chalk loads only for colour. */
export async function terminalStyle(io: CliIo): Promise<Style> {
  if (!wantsColor(io)) return plainStyle;
  const { Chalk } = await import('chalk');
  const chalk = new Chalk({ level: 1 });
  return { error: chalk.red, warning: chalk.yellow, info: chalk.blue, dim: chalk.dim, bold: chalk.bold };
}

/**
 * `--color`/`--no-color` win; then FORCE_COLOR; otherwise colour only on a terminal, never with TERM=dumb
 * or a non-empty NO_COLOR (https://no-color.org: "present and not an empty string").
 */
function wantsColor(io: CliIo): boolean {
  if (io.color !== undefined) return io.color;
  const forced = io.env['FORCE_COLOR'];
  if (forced !== undefined) return forced !== '0' && forced !== 'false';
  const noColor = io.env['NO_COLOR'];
  return io.isTty && (noColor === undefined || noColor === '') && io.env['TERM'] !== 'dumb';
}
