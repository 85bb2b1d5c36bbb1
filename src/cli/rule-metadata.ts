import type { Diagnostic } from '../diagnostics/diagnostic.js';
import type { RuleMetadata } from '../diagnostics/render/sarif.js';
import { readFileSync } from 'node:fs';
import { join, posix } from 'node:path';
import { ruleDocPath, ruleDocUrl } from '../lint/rule.js';
import { RULES } from '../lint/rules/index.js';
import { PACKAGE_ROOT, REPOSITORY_URL, docUrl, packageFileUrl } from '../util/package-info.js';

/** What each family of built-in check is about, for SARIF rule descriptions. */
const CORE_FAMILIES: Record<string, string> = {
  io: 'The file could not be read',
  input: 'The file is not a usable spec file',
  yaml: 'YAML syntax',
  schema: 'The spec does not match schemas/ivrflow.schema.json',
  ref: 'A name refers to nothing the spec declares',
  graph: 'The step graph cannot run as written',
  type: 'A value does not match its declared type',
  secure: 'Sensitive data leaves, or bypasses, the secure section',
  env: 'An environment placeholder has no value',
  target: 'A vendor limit or unsupported construct',
  lint: 'The policy rule engine',
  contract: 'The live backend does not meet the contract of the spec (ivrflow contract, contract.md in the ivrflow documentation)',
};

/** SARIF metadata: every policy rule from the registry, then the built-in checks a report used, by family. */
export function ruleMetadata(diagnostics: readonly Diagnostic[]): RuleMetadata[] {
  const rules = new Map(RULES.map((rule) => [`rule/${rule.id}`, rule]));
  const firstByCode = new Map<string, Diagnostic>();
  for (const diagnostic of diagnostics) if (!firstByCode.has(diagnostic.code)) firstByCode.set(diagnostic.code, diagnostic);
  const policyRules = [...rules].map(([code, rule]) => ({
    id: code,
    description: rule.description,
    defaultLevel: rule.severity,
    helpUri: ruleDocUrl(rule.id),
    protectsCredential: rule.protectsCredential,
    ...optionalMarkdown(rule.id),
  }));
  return [
    ...policyRules,
    ...[...firstByCode]
      .filter(([code]) => !rules.has(code))
      .map(([code, first]) => {
        const family = code.split('/')[0] ?? code;
        // Built-in checks have no configurable level: the one they report at is their default.
        return {
          id: code,
          description: `${CORE_FAMILIES[family] ?? 'ivrflow check'} (${code}).`,
          defaultLevel: first.severity,
          helpUri: docUrl('spec.md#checks'),
        };
      }),
  ];
}

export const INFORMATION_URI = REPOSITORY_URL;

/** The rule's page as shipped in the package, its relative links made absolute so they work where SARIF is shown. */
function optionalMarkdown(id: string): { helpMarkdown?: string } {
  let text: string;
  try {
    text = readFileSync(join(PACKAGE_ROOT, ruleDocPath(id)), 'utf8');
  } catch {
    return {};
  }
  const pageDir = posix.dirname(ruleDocPath(id));
  const markdown = text.replace(
    /\]\((?![a-z]+:|#)([^)\s]+)\)/g,
    (_, target: string) => `](${packageFileUrl(posix.normalize(posix.join(pageDir, target)))})`,
  );
  return { helpMarkdown: markdown };
}
