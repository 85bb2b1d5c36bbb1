import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Diagnostic, SpecPath } from '../../src/diagnostics/diagnostic.js';
import type { RuleConfig } from '../../src/lint/config.js';
import { checkSpec } from '../../src/pipeline.js';
import { TARGETS, type TargetName } from '../../src/targets/index.js';
import { ROOT, mutateFlow } from '../helpers/fixtures.js';

/**
 * Every diagnostic an emitter can raise on a spec that passed `checkSpec` is either also reported by
 * `validate` for the selected target (a case: a spec that triggers it), or is about what `validate`
 * cannot know: the `--env` values, the tenant CXone catalog, or what the written files contain
 * (issue 20, "checks at the wrong stage"). A new `code:` in an emitter, or in a vendor file it
 * calls, fails the inventory test until it is listed here.
 */
interface Case {
  name: string;
  flow: string;
  edits: Record<string, unknown>;
  rulesOff?: readonly string[];
}

type Site = { validate: readonly Case[] } | { environment: string } | { catalog: string } | { written: string } | { layout: string };

const secureFlowRead: Case = {
  name: 'a value set before the secure section, read inside it',
  flow: 'identity-promotion',
  edits: {
    ivrflow: 1.1,
    'variables.greeted': { type: 'string' },
    'steps.greeting': { type: 'assign', set: { greeted: 'yes' }, next: 'authenticate' },
    'steps.invalidCode.prompt': [{ tts: 'Sorry {greeted}, that code was not correct.' }],
  },
};
const neverSetRead: Case = {
  name: 'a variable read but never set, without an initial value',
  flow: 'identity-promotion',
  edits: { ivrflow: 1.1, 'variables.never': { type: 'string' }, 'steps.greeting.prompt': [{ tts: 'Welcome {never}.' }] },
};
const loopInsideRetry: Case = {
  name: 'a loop without a retry inside a retry body (bounded-retry off)',
  flow: 'identity-promotion',
  edits: { 'steps.noInput.next': 'collectOtp' },
  rulesOff: ['bounded-retry'],
};
const loopOfTasks: Case = {
  name: 'a loop without a retry between joined steps (bounded-retry off)',
  flow: 'identity-promotion',
  edits: { 'steps.routeFailed': { type: 'play', prompt: 'Please hold.', next: 'serviceUnavailable' } },
  rulesOff: ['bounded-retry'],
};

const SITES: Readonly<Record<string, Readonly<Record<string, Site>>>> = {
  'src/targets/genesys/emit/compile.ts': {
    'target/unsupported': { validate: [loopInsideRetry] },
    'target/limit': {
      layout:
        "ivrflow's own bounds on the task layout (64 steps deep inside one loop, 50,000 written steps) and a step inside a nested retry going back to the outer one are found while laying out the Archy tasks; not yet reported by validate",
    },
  },
  'src/targets/genesys/emit/tasks.ts': { 'target/unsupported': { validate: [loopOfTasks] } },
  'src/targets/genesys/emit/flow-file.ts': { 'target/unsupported': { validate: [secureFlowRead, neverSetRead] } },
  'src/targets/genesys/emit/nodes/http.ts': {
    'target/unsupported': {
      validate: [
        {
          name: 'a verifier called before the secure section (its policy rules off)',
          flow: 'identity-promotion',
          edits: {
            'endpoints.precheck': {
              method: 'POST',
              url: 'https://precheck.example.com/check',
              timeoutSeconds: 15,
              verifiesCredential: true,
              verifierReason: 'testing',
              body: { ani: { ref: 'call.ani' } },
              response: { fields: { status: 'string' }, success: { field: 'status', equals: 'ok' } },
            },
            'steps.greeting': {
              type: 'http',
              endpoint: 'precheck',
              result: 'pre',
              onSuccess: 'authenticate',
              onFailure: 'authenticate',
              onTimeout: 'authenticate',
            },
          },
          rulesOff: ['replay-protection', 'http-outcomes-handled'],
        },
      ],
    },
  },
  'src/targets/genesys/literals.ts': {
    'target/unescapable': {
      validate: [
        {
          name: 'a line break in a route case',
          flow: 'identity-promotion',
          edits: { 'steps.routeByTier.cases': { 'plat\ninum': { queue: 'platinum', priority: 50 } } },
        },
      ],
    },
  },
  'src/targets/genesys/emit/index.ts': {
    'env/missing-value': { environment: 'a placeholder no --env value fills, left in a data action file' },
    'target/unsupported': {
      written: 'a note that Genesys disconnects where a route in the secure flow fails: nothing in the spec to change',
    },
  },
  'src/targets/genesys/conventions.ts': {
    'target/missing-name': {
      written: 'the default name generate writes for a queue or integration the spec does not name, said where it is written',
    },
  },
  'src/targets/cxone/placeholders.ts': {
    'target/unfilled-placeholder': { environment: 'a placeholder no --env value fills, which CXone would read as a variable' },
  },
  'src/targets/cxone/credential-exposure.ts': {
    'target/credential-in-script': { written: 'the bearer token the upload step writes into the script: nothing in the spec changes it' },
  },
  'src/targets/cxone/skills.ts': {
    'target/unsupported': {
      validate: [
        { name: 'a queue without a CXone skill', flow: 'identity-promotion', edits: { 'targets.cxone.skills': { platinum: '4051' } } },
      ],
    },
  },
  'src/targets/cxone/emit/bus-number.ts': {
    'target/missing-name': { written: "a note that the upload step fills the script header's business unit from the access token" },
  },
  'src/targets/cxone/emit/nodes/route.ts': { 'target/unsupported': { catalog: "whether the tenant's REQAGENT has a failure branch" } },
  'src/targets/cxone/emit/nodes/transfer.ts': {
    'target/unsupported': { catalog: 'the TRANSFER or RUNSCRIPT library id, from the tenant catalog' },
  },
  'src/targets/cxone/emit/repeated-requests.ts': {
    'target/platform-repeats-request': { catalog: "the tenant's REST API action, which repeats a failed request" },
  },
};

const CODE = /code: '([a-z]+\/[a-z-]+)'/g;

/** The emitters' files, and every vendor file outside `emit/` and `engine/` that one of them imports. */
function emitterFiles(vendor: TargetName): string[] {
  const emit = join(ROOT, 'src/targets', vendor, 'emit');
  const files = (readdirSync(emit, { recursive: true }) as string[]).filter((name) => name.endsWith('.ts')).map((name) => join(emit, name));
  const vendorRoot = join(ROOT, 'src/targets', vendor);
  const helpers = new Set<string>();
  for (const file of files)
    for (const [, specifier] of readFileSync(file, 'utf8').matchAll(/from '(\.[^']+)\.js'/g)) {
      const target = resolve(dirname(file), `${specifier!}.ts`);
      if (dirname(target) === vendorRoot) helpers.add(target);
    }
  return [...files, ...helpers].map((file) => relative(ROOT, file).split('\\').join('/'));
}

function sitesInSource(): string[] {
  return (Object.keys(TARGETS) as TargetName[])
    .flatMap(emitterFiles)
    .flatMap((file) => [...new Set([...readFileSync(join(ROOT, file), 'utf8').matchAll(CODE)].map((match) => `${file} ${match[1]!}`))])
    .sort();
}

const rules = (off: readonly string[] = []): RuleConfig =>
  new Map(off.map((id) => [id, { level: 'off' as const, reason: 'emitter registry' }]));

/** A diagnostic's identity apart from its prose: code, severity and spec path. */
const where = (diagnostic: Diagnostic) => `${diagnostic.code} ${diagnostic.severity} ${diagnostic.path.join('.')}`;

const validateCases = Object.entries(SITES).flatMap(([file, codes]) =>
  Object.entries(codes).flatMap(([code, site]) =>
    'validate' in site ? site.validate.map((item) => ({ file, code, item, target: file.split('/')[2] as TargetName })) : [],
  ),
);

describe('emitter diagnostics', () => {
  it('lists every diagnostic code the emitters and the vendor files they call can raise', () => {
    const listed = Object.entries(SITES)
      .flatMap(([file, codes]) => Object.keys(codes).map((code) => `${file} ${code}`))
      .sort();
    expect(sitesInSource()).toEqual(listed);
  });

  it.each(validateCases)('$code of $file is reported by validate: $item.name', async ({ file, code, item, target }) => {
    const text = Buffer.from(mutateFlow(item.flow, item.edits));
    const options = { targets: [target], rules: rules(item.rulesOff) };
    const before = checkSpec('spec.yaml', Buffer.from(mutateFlow(item.flow, {})), options).diagnostics.map(where);
    const found = checkSpec('spec.yaml', text, options).diagnostics.filter(
      (diagnostic) => diagnostic.code === code && !before.includes(where(diagnostic)),
    );
    expect(found.length).toBeGreaterThan(0);
    for (const diagnostic of found) {
      expect(diagnostic.span).toBeDefined();
      expect(diagnostic.hint).toBeTruthy();
    }
    if (!file.includes('/emit/')) return;
    // The same spec without the vendor's checks reaches the emitter, which reports it at the same place.
    const unchecked = checkSpec('spec.yaml', text, { targets: [], rules: rules(item.rulesOff) });
    expect(unchecked.graph).toBeDefined();
    const emitted = (await TARGETS[target].emit(unchecked.graph!, { specFile: 'spec.yaml' })).problems.filter(
      (problem) => problem.code === code,
    );
    const within = (path: SpecPath, reported: SpecPath) => path.every((key, at) => reported[at] === key);
    const samePlace = (path: SpecPath) =>
      found.some((diagnostic) =>
        [diagnostic.path, ...(diagnostic.related ?? []).map((item) => item.path)].some((reported) => within(path, reported)),
      );
    expect(emitted.map((problem) => problem.path).filter(samePlace).length).toBeGreaterThan(0);
  });
});
