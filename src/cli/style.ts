import { Chalk } from 'chalk';
import { plainStyle, type Style } from '../diagnostics/render/style.js';
import type { CliIo } from './io.js';

/** Colour only on a terminal, never with NO_COLOR (any value) or TERM=dumb; FORCE_COLOR wins. */
export function terminalStyle(io: CliIo): Style {
  const forced = io.env['FORCE_COLOR'];
  const enabled = forced !== undefined ? forced !== '0' && forced !== 'false' : io.isTty && io.env['NO_COLOR'] === undefined && io.env['TERM'] !== 'dumb';
  if (!enabled) return plainStyle;
  const chalk = new Chalk({ level: 1 });
  return { error: chalk.red, warning: chalk.yellow, info: chalk.blue, dim: chalk.dim, bold: chalk.bold };
}
