/**
 * UNVERIFIED, kept in this one function: `header.variableRedaction` is a string (docs/cxone.md
 * §6.2, NICE's schema) whose content format no public source shows. ivrflow writes the variable
 * names sorted and comma-separated; docs/cxone.md says how to confirm it on a sandbox tenant.
 */
export function encodeVariableRedaction(names: Iterable<string>): string {
  return [...new Set(names)].sort().join(',');
}
