import { RULES } from '../../lint/rules/index.js';
import { ruleDocUrl } from '../../lint/rule.js';
import { docUrl } from '../../util/package-info.js';
import { EXIT_OK, type CliIo } from '../io.js';

/** `ivrflow rules`: every policy rule with its default severity and what it checks. */
export function rulesCommand(format: 'stylish' | 'json', io: CliIo): number {
  const rows = RULES.map((rule) => ({
    id: rule.id,
    severity: rule.severity,
    protectsCredential: rule.protectsCredential,
    description: rule.description,
    docs: ruleDocUrl(rule.id),
  }));
  if (format === 'json') {
    io.stdout(`${JSON.stringify(rows, null, 2)}\n`);
    return EXIT_OK;
  }
  const idWidth = Math.max(...rows.map((row) => row.id.length));
  const lines = rows.map(
    (row) =>
      `${row.id.padEnd(idWidth)}  ${row.severity.padEnd(7)}  ${row.protectsCredential ? 'credential' : '          '}  ${row.description}`,
  );
  io.stdout(
    `${'rule'.padEnd(idWidth)}  default  guards\n${lines.join('\n')}\n\nTune them in ivrflow.config.yaml; rules that guard a credential need a reason to be turned down (${docUrl('rules/README.md')}).\n`,
  );
  return EXIT_OK;
}
