import { plainStyle, type Style } from '../diagnostics/render/style.js';
import type { CliIo } from './io.js';

/** Colour only on a terminal, never with NO_COLOR (any value) or TERM=dumb; FORCE_COLOR wins. chalk loads only then. */
export async function terminalStyle(io: CliIo): Promise<Style> {
  const forced = io.env['FORCE_COLOR'];
  const enabled =
    forced !== undefined ? forced !== '0' && forced !== 'false' : io.isTty && io.env['NO_COLOR'] === undefined && io.env['TERM'] !== 'dumb';
  if (!enabled) return plainStyle;
  const { Chalk } = await import('chalk');
  const chalk = new Chalk({ level: 1 });
  return { error: chalk.red, warning: chalk.yellow, info: chalk.blue, dim: chalk.dim, bold: chalk.bold };
}
