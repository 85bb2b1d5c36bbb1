import { isRefProblem } from '../flow-index.js';
import { sensitiveTaint, type TaintFacts } from '../taint.js';
import { isRefValue } from '../types.js';
import type { CheckContext } from './context.js';
import { checkReadsOutsideSection } from './secure-reads.js';
import { ownEntry } from '../../util/own.js';

/**
 * Sensitive data stays inside the secure section: credentials are gathered there only, reached only
 * through its entry, and only declared, non-sensitive exports leave it as attributes.
 */
export function checkSecureSection(context: CheckContext): void {
  checkSensitiveDeclarations(context);
  checkIdentifierRoles(context);
  checkSensitiveGathers(context);
  checkExports(context);
  checkUnavailablePath(context);
  checkReadsOutsideSection(context);
}

/**
 * `onUnavailable` is where the caller goes when the section cannot be entered, so it must never
 * lead back to its entry: each return would be one more attempt to enter it, without end (the
 * Genesys flow would nest one failed transfer inside another forever). It may share steps with the
 * section (the example's service-unavailable route serves both).
 */
function checkUnavailablePath({ spec, index, sink }: CheckContext): void {
  const secure = spec.secure;
  if (!secure || !index.steps.has(secure.entry) || !index.steps.has(secure.onUnavailable)) return;
  if (secure.onUnavailable === secure.entry) {
    sink.report({
      code: 'secure/unavailable-cycle',
      message: `\`secure.onUnavailable\` is the section's own entry \`${secure.entry}\`: when the section cannot be entered, the caller would be sent to it again.`,
      path: ['secure', 'onUnavailable'],
      hint: 'Send the caller to a step outside the secure section: a route to an agent, or a disconnect.',
    });
    return;
  }
  if (index.reachableFrom(secure.onUnavailable).has(secure.entry)) {
    sink.report({
      code: 'secure/unavailable-cycle',
      message: `The path from \`secure.onUnavailable\` (\`${secure.onUnavailable}\`) leads back to the secure entry \`${secure.entry}\`: a section that cannot be entered would be tried again without end.`,
      path: ['secure', 'onUnavailable'],
      hint: 'End the unavailable path with a route or a disconnect that does not return to the secure entry.',
    });
  }
}

function checkSensitiveDeclarations({ spec, index, sink }: CheckContext): void {
  for (const [name, variable] of Object.entries(spec.variables ?? {})) {
    if (variable.sensitive && variable.initial !== undefined) {
      sink.report({
        code: 'secure/sensitive-initial-value',
        message: `Sensitive variable \`${name}\` has an initial value, which would sit in the flow definition.`,
        path: ['variables', name, 'initial'],
        onKey: true,
        hint: 'Remove `initial`; a credential comes from the caller, never from the spec.',
      });
    }
  }
  for (const [id, step] of index.stepsOfType('gather')) {
    if (step.sensitive === undefined) continue;
    const variable = ownEntry(spec.variables, step.into);
    if (!variable || (variable.sensitive === true) === step.sensitive) continue;
    sink.report({
      code: 'secure/not-sensitive-variable',
      message: step.sensitive
        ? `Gather \`${id}\` is sensitive but stores into \`${step.into}\`, which is not.`
        : `Gather \`${id}\` says \`sensitive: false\` but stores into sensitive variable \`${step.into}\`.`,
      path: ['steps', id, 'sensitive'],
      hint: `Mark variable \`${step.into}\` and the gather alike; a credential is \`sensitive: true\` in both.`,
    });
  }
}

/**
 * `role: identifier` says a value names the caller, so it may be promoted; a value that is also
 * used like a credential cannot be both. (A credential not declared sensitive is treated as one
 * anyway, credentials.ts; rule sensitive-gather asks for the declaration.)
 */
function checkIdentifierRoles({ index, sink }: CheckContext): void {
  for (const [name, evidence] of index.credentialFacts.misdeclaredIdentifiers)
    sink.report({
      code: 'secure/identifier-used-as-credential',
      message: `Variable \`${name}\` is declared \`role: identifier\`, but it is used like a credential: ${evidence.message}.`,
      path: ['variables', name, 'role'],
      hint: `An identifier names the caller and may be promoted; a credential proves who they are and never leaves the secure section. If \`${name}\` is a PIN, code or password, remove \`role\` and declare it \`sensitive: true\`.`,
      related: [{ message: 'used like a credential here', path: evidence.path }],
    });
}

function checkSensitiveGathers({ spec, index, sink }: CheckContext): void {
  const entry = spec.secure?.entry;
  const bypass = entry !== undefined && index.steps.has(entry) ? index.reachableFrom(spec.start, new Set([entry])) : undefined;
  for (const [id, step] of index.stepsOfType('gather')) {
    if (!index.isCredential(step.into) || !index.reachable.has(id)) continue;
    if (!spec.secure) {
      sink.report({
        code: 'secure/missing-section',
        message: `Gather \`${id}\` collects a sensitive value, but the spec has no \`secure\` section.`,
        path: ['steps', id],
        onKey: true,
        hint: 'Add `secure: { entry: <first step that handles the credential> }` so the vendors keep it out of recordings and logs.',
      });
    } else if (!index.secureSteps.has(id)) {
      sink.report({
        code: 'secure/missing-section',
        message: `Gather \`${id}\` collects a sensitive value outside the secure section.`,
        path: ['steps', id],
        onKey: true,
        hint: `Make it reachable only from \`${entry}\`.`,
      });
    } else if (bypass?.has(id)) {
      sink.report({
        code: 'secure/bypass',
        message: `Gather \`${id}\` can be reached without entering the secure section through \`${entry}\`.`,
        path: ['steps', id],
        onKey: true,
        hint: `Every path to a sensitive gather must go through \`${entry}\`.`,
      });
    }
  }
}

function checkExports({ spec, index, sink }: CheckContext): void {
  const exports = new Set(spec.secure?.exports ?? []);
  (spec.secure?.exports ?? []).forEach((ref, position) => {
    const resolved = index.resolveRef(ref);
    if (!isRefProblem(resolved) && resolved.kind === 'variable' && resolved.sensitive) {
      sink.report({
        code: 'secure/sensitive-export',
        message: `\`${ref}\` is sensitive and can never leave the secure section.`,
        path: ['secure', 'exports', position],
        hint: 'Remove it from `secure.exports`; export what the verifier returns instead (a customer id, a tier).',
      });
    }
  });
  let taint: TaintFacts | undefined;
  for (const id of index.secureSteps) {
    const step = index.steps.get(id);
    if (step?.type !== 'setAttributes') continue;
    for (const [attribute, value] of Object.entries(step.attributes)) {
      if (!isRefValue(value) || exports.has(value.ref)) continue;
      const resolved = index.resolveRef(value.ref);
      if (isRefProblem(resolved) || resolved.kind === 'call') continue;
      const path = ['steps', id, 'attributes', attribute, 'ref'];
      if (resolved.kind === 'variable' && resolved.sensitive) {
        sink.report({
          code: 'secure/sensitive-export',
          message: `Attribute \`${attribute}\` would carry the sensitive value \`${value.ref}\` out of the secure section.`,
          path,
          hint: 'Never promote a credential; promote what the verifier returns (a customer id, a tier).',
        });
        continue;
      }
      taint ??= sensitiveTaint(index);
      const copied = taint.taintOf(value.ref);
      if (copied) {
        // Exporting it would only move the leak: a copy of a credential is still a credential.
        sink.report({
          code: 'secure/sensitive-export',
          message: `Attribute \`${attribute}\` would carry \`${value.ref}\`, which holds sensitive \`${copied.source}\`, out of the secure section.`,
          path,
          hint: 'Never promote a credential or a copy of it; promote what the verifier returns (a customer id, a tier).',
          related: copied.trail,
        });
      } else {
        sink.report({
          code: 'secure/unexported-value',
          message: `Attribute \`${attribute}\` takes \`${value.ref}\` out of the secure section, but it is not listed in \`secure.exports\`.`,
          path,
          hint: `Add \`${value.ref}\` to \`secure.exports\`: it is not sensitive.`,
        });
      }
    }
  }
}
