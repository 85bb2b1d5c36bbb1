import { isScalar, isSeq, parseDocument, Scalar, visit, type Document } from 'yaml';
import { readRepoFile } from '../../helpers/fixtures.js';

/**
 * How to put a string into each place of schema-strings.ts, in base-flow.yaml: one entry per place,
 * and string-fields.test.ts fails when the schema has a place this corpus does not name.
 *
 * `set` writes `value(text)` at a path of the base flow (numeric segments index arrays); a refusal
 * must point at or below `at`. `rename` renames a name the base flow defines, everywhere it is
 * used (a key, a `{ref: name.field}`, a `{name}` in a URL), and a refusal must point at one of the
 * renamed places. `expect` is what a clean compile must carry for the text (a `{tts}` template
 * reads `{{` as `{`), `benign` replaces the default harmless text where the field has a format.
 */
export type Placement =
  | { set: string; value?: (text: string) => unknown; at?: string; expect?: (text: string) => string; benign?: string }
  | { rename: string; benign?: string };

export const BENIGN = 'corpusZq';
export const BENIGN_ESCAPED = 'corpus\\Zq';
const FALLBACK = 'Corpus fallback';
/** docs/spec.md, Prompts: in a `{tts}` template `{{` and `}}` are literal braces. */
const template = (text: string) => text.replace(/\{\{/g, '{').replace(/\}\}/g, '}');

function promptPlaces(type: string, step: string): Record<string, Placement> {
  const at = `steps.${step}.prompt`;
  return {
    [`steps.*(${type}).prompt`]: { set: at },
    [`steps.*(${type}).prompt.tts`]: { set: at, value: (tts) => ({ tts }), at: `${at}.tts`, expect: template },
    [`steps.*(${type}).prompt.audio`]: { set: at, value: (audio) => ({ audio, tts: FALLBACK }), at: `${at}.audio` },
    [`steps.*(${type}).prompt[]`]: { set: at, value: (text) => [text, FALLBACK], at: `${at}.0` },
    [`steps.*(${type}).prompt[].tts`]: { set: at, value: (tts) => [{ tts }], at: `${at}.0.tts`, expect: template },
    [`steps.*(${type}).prompt[].audio`]: { set: at, value: (audio) => [{ audio, tts: FALLBACK }], at: `${at}.0.audio` },
  };
}

const ref = (name: string) => ({ ref: name });
const condition = (step: string, key: string) => ({
  set: `steps.${step}.if`,
  value: (text: string) => ({ ref: 'hours.open', [key]: key === 'in' ? [text] : text }),
  at: `steps.${step}.if.${key}`,
});

export const CORPUS: Record<string, Placement> = {
  name: { set: 'name' },
  id: { set: 'id', benign: 'corpuszq' },
  description: { set: 'description' },
  language: { set: 'language', benign: 'zq' },
  'include[]': { set: 'include', value: (path) => [path] },
  start: { set: 'start' },
  'secrets.{key}': { rename: 'middlewareToken' },
  'secrets.*.description': { set: 'secrets.middlewareToken.description' },
  'variables.{key}': { rename: 'memo' },
  'variables.*.description': { set: 'variables.otp.description' },
  'variables.*.initial': { set: 'variables.memo.initial' },
  'endpoints.{key}': { rename: 'lookupHours' },
  'endpoints.*.description': { set: 'endpoints.lookupHours.description' },
  'endpoints.*.url': { set: 'endpoints.verifyIdentity.url', value: (text) => `https://auth.example.com/api/v1/auth/verify?note=${text}` },
  'endpoints.*.verifierReason': { set: 'endpoints.verifyIdentity.verifierReason' },
  'endpoints.*.auth.bearer': { set: 'endpoints.verifyIdentity.auth.bearer' },
  'endpoints.*.headers.{key}': { rename: 'X-Corpus', benign: 'X-Zq' },
  'endpoints.*.headers.*': { set: 'endpoints.lookupHours.headers.X-Corpus' },
  'endpoints.*.body.{key}': { rename: 'remark' },
  'endpoints.*.body.*': { set: 'endpoints.verifyIdentity.body.remark' },
  'endpoints.*.body.*.ref': { set: 'endpoints.verifyIdentity.body.remark', value: ref },
  'endpoints.*.path.{key}': { rename: 'office' },
  'endpoints.*.path.*': { set: 'endpoints.lookupHours.path.office' },
  'endpoints.*.path.*.ref': { set: 'endpoints.lookupHours.path.office', value: ref },
  'endpoints.*.query.{key}': { rename: 'region' },
  'endpoints.*.query.*': { set: 'endpoints.lookupHours.query.region' },
  'endpoints.*.query.*.ref': { set: 'endpoints.lookupHours.query.region', value: ref },
  'endpoints.*.response.fields.{key}': { rename: 'open' },
  'endpoints.*.response.success.field': { set: 'endpoints.verifyIdentity.response.success.field' },
  'endpoints.*.response.success.equals': { set: 'endpoints.verifyIdentity.response.success.equals' },
  'queues.{key}': { rename: 'platinum' },
  'queues.*.description': { set: 'queues.platinum.description' },
  'secure.entry': { set: 'secure.entry' },
  'secure.onUnavailable': { set: 'secure.onUnavailable' },
  'secure.exports[]': { set: 'secure.exports', value: (text) => ['auth.tier', text], at: 'secure.exports.1' },
  'steps.{key}': { rename: 'checkHours' },
  'steps.*(play).description': { set: 'steps.greeting.description' },
  'steps.*(play).next': { set: 'steps.greeting.next' },
  ...promptPlaces('play', 'greeting'),
  'steps.*(http).description': { set: 'steps.lookup.description' },
  'steps.*(http).endpoint': { set: 'steps.lookup.endpoint' },
  'steps.*(http).result': { rename: 'hours' },
  'steps.*(http).onSuccess': { set: 'steps.lookup.onSuccess' },
  'steps.*(http).onFailure': { set: 'steps.lookup.onFailure' },
  'steps.*(http).onTimeout': { set: 'steps.lookup.onTimeout' },
  'steps.*(condition).description': { set: 'steps.checkHours.description' },
  'steps.*(condition).if.ref': { set: 'steps.checkHours.if', value: (text) => ({ ref: text, equals: 'x' }), at: 'steps.checkHours.if.ref' },
  'steps.*(condition).if.equals': condition('checkHours', 'equals'),
  'steps.*(condition).if.notEquals': condition('checkHours', 'notEquals'),
  'steps.*(condition).if.in[]': condition('checkHours', 'in'),
  'steps.*(condition).then': { set: 'steps.checkHours.then' },
  'steps.*(condition).else': { set: 'steps.checkHours.else' },
  'steps.*(assign).description': { set: 'steps.setNote.description' },
  'steps.*(assign).set.{key}': { rename: 'memo' },
  'steps.*(assign).set.*': { set: 'steps.setNote.set.memo' },
  'steps.*(assign).set.*.ref': { set: 'steps.setNote.set.memo', value: ref },
  'steps.*(assign).next': { set: 'steps.setNote.next' },
  'steps.*(menu).description': { set: 'steps.mainMenu.description' },
  ...promptPlaces('menu', 'mainMenu'),
  'steps.*(menu).choices[].description': { set: 'steps.mainMenu.choices.0.description' },
  'steps.*(menu).choices[].next': { set: 'steps.mainMenu.choices.0.next' },
  'steps.*(menu).onNoInput': { set: 'steps.mainMenu.onNoInput' },
  'steps.*(menu).onNoMatch': { set: 'steps.mainMenu.onNoMatch' },
  'steps.*(transfer).description': { set: 'steps.toBilling.description' },
  ...promptPlaces('transfer', 'toBilling'),
  'steps.*(transfer).to.flow': { set: 'steps.toBilling.to.flow' },
  'steps.*(transfer).to.number': {
    set: 'steps.toBilling.to',
    value: (number) => ({ number }),
    at: 'steps.toBilling.to.number',
    benign: '+18005550123',
  },
  'steps.*(transfer).to.number.ref': {
    set: 'steps.toBilling.to',
    value: (name) => ({ number: ref(name) }),
    at: 'steps.toBilling.to.number',
  },
  'steps.*(transfer).onFailure': { set: 'steps.toBilling.onFailure' },
  'steps.*(retry).description': { set: 'steps.authenticate.description' },
  'steps.*(retry).body': { set: 'steps.authenticate.body' },
  'steps.*(retry).onExhausted': { set: 'steps.authenticate.onExhausted' },
  'steps.*(gather).description': { set: 'steps.collectOtp.description' },
  ...promptPlaces('gather', 'collectOtp'),
  'steps.*(gather).into': { set: 'steps.collectOtp.into' },
  'steps.*(gather).next': { set: 'steps.collectOtp.next' },
  'steps.*(gather).onNoInput': { set: 'steps.collectOtp.onNoInput' },
  'steps.*(setAttributes).description': { set: 'steps.promoteIdentity.description' },
  'steps.*(setAttributes).attributes.{key}': { rename: 'label' },
  'steps.*(setAttributes).attributes.*': { set: 'steps.promoteIdentity.attributes.customer.label' },
  'steps.*(setAttributes).attributes.*.ref': { set: 'steps.promoteIdentity.attributes.customer.label', value: ref },
  'steps.*(setAttributes).next': { set: 'steps.promoteIdentity.next' },
  'steps.*(route).description': { set: 'steps.routeByTier.description' },
  ...promptPlaces('route', 'routeByTier'),
  'steps.*(route).by.ref': { set: 'steps.routeByTier.by', value: ref, at: 'steps.routeByTier.by.ref' },
  'steps.*(route).cases.{key}': { rename: 'corpusCase' },
  'steps.*(route).cases.*.queue': { set: 'steps.routeByTier.cases.corpusCase.queue' },
  'steps.*(route).cases.*.skills[]': { set: 'steps.routeByTier.cases.corpusCase.skills', value: (skill) => [skill] },
  'steps.*(route).default.queue': { set: 'steps.routeByTier.default.queue' },
  'steps.*(route).default.skills[]': { set: 'steps.routeByTier.default.skills', value: (skill) => [skill] },
  'steps.*(route).onFailure': { set: 'steps.routeByTier.onFailure' },
  'steps.*(route).queue': { set: 'steps.serviceUnavailable.queue' },
  'steps.*(route).skills[]': { set: 'steps.serviceUnavailable.skills', value: (skill) => [skill] },
  'steps.*(disconnect).description': { set: 'steps.routeFailed.description' },
  ...promptPlaces('disconnect', 'routeFailed'),
  'targets.genesys.inboundFlowName': { set: 'targets.genesys.inboundFlowName' },
  'targets.genesys.secureFlowName': { set: 'targets.genesys.secureFlowName' },
  'targets.genesys.division': { set: 'targets.genesys.division' },
  'targets.genesys.integration': { set: 'targets.genesys.integration' },
  'targets.genesys.dataActions.{key}': { rename: 'lookupHours' },
  'targets.genesys.dataActions.*': { set: 'targets.genesys.dataActions.verifyIdentity' },
  'targets.genesys.queues.{key}': { rename: 'platinum' },
  'targets.genesys.queues.*': { set: 'targets.genesys.queues.platinum' },
  'targets.cxone.scriptName': { set: 'targets.cxone.scriptName' },
  'targets.cxone.busNo': { set: 'targets.cxone.busNo', benign: '4242' },
  'targets.cxone.skills.{key}': { rename: 'platinum' },
  'targets.cxone.skills.*': { set: 'targets.cxone.skills.platinum' },
};

export interface PlacedSpec {
  text: string;
  /** Where a refusal of the text may point: the literal, or every place a rename touched. */
  at: string[];
  /** What a clean compile must carry in place of the benign text. */
  expected: string;
}

const BASE = 'test/ir/string-fields/base-flow.yaml';
const segments = (path: string) => path.split('.').map((segment) => (/^\d+$/.test(segment) ? Number(segment) : segment));
/** Attribute names hold dots: the key `customer.label` is one segment. */
const editPath = (path: string) =>
  segments(path.replace('attributes.customer.label', 'attributes.\u0000')).map((segment) =>
    segment === '\u0000' ? 'customer.label' : segment,
  );

/** base-flow.yaml with `text` in the place. */
export function placeText(placement: Placement, text: string): PlacedSpec {
  const document = parseDocument(readRepoFile(BASE));
  if ('rename' in placement) {
    const at = renameEverywhere(document, placement.rename, text);
    return { text: toText(document), at, expected: text };
  }
  document.setIn(editPath(placement.set), (placement.value ?? ((value: string) => value))(text));
  return { text: toText(document), at: [placement.at ?? placement.set], expected: (placement.expect ?? ((value: string) => value))(text) };
}

const toText = (document: Document) => document.toString({ lineWidth: 0 });

/** Renames `from` in every key and value (as a dotted segment or a `{from}` in text); returns the dotted paths it changed. */
function renameEverywhere(document: Document, from: string, to: string): string[] {
  const changed: string[] = [];
  const rename = (value: string) =>
    value
      .split('.')
      .map((segment) => (segment === from ? to : segment))
      .join('.')
      .split(`{${from}}`)
      .join(`{${to}}`);
  visit(document, {
    Scalar(_, node, path) {
      if (typeof node.value !== 'string' || rename(node.value) === node.value) return undefined;
      const renamed = new Scalar(rename(node.value));
      const dotted: string[] = [];
      for (const [index, ancestor] of path.entries()) {
        const child = path[index + 1] ?? node;
        if (isSeq(ancestor)) dotted.push(String(ancestor.items.indexOf(child as never)));
        else if ('key' in ancestor && isScalar(ancestor.key))
          dotted.push(String(ancestor.key === node ? renamed.value : ancestor.key.value));
      }
      changed.push(dotted.join('.'));
      return renamed;
    },
  });
  return changed;
}
