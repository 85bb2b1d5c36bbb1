// One child process per generated flow: `node run-flows.mjs <genesys output dir>`. It starts an
// Architect Scripting session against the loopback fake org, loads secure-call.yaml (when there is
// one) and inbound-call.yaml through the translator, validates each with the SDK, and prints one
// `ORACLE-REPORT {json}` line. The SDK session is a process-wide singleton that patches nothing
// itself but wants to exit the process, hence the child.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { parse } from 'yaml';
import { ArchyToSdk } from './archy-to-sdk.mjs';
import { startFakeOrg } from './fake-org.mjs';

const FLOW_FILES = [
  { file: 'secure-call.yaml', root: 'secureCall', create: 'createFlowSecureCallAsync', type: 'securecall' },
  { file: 'inbound-call.yaml', root: 'inboundCall', create: 'createFlowInboundCallAsync', type: 'inboundcall' },
];

const dir = process.argv[2];
const integration = process.argv[3];
const flows = FLOW_FILES.filter(({ file }) => existsSync(join(dir, file))).map((entry) => ({
  ...entry,
  data: parse(readFileSync(join(dir, entry.file), 'utf8')),
}));
const dataActions = readDataActions(join(dir, 'data-actions'));
// The fake org holds the emitted flows, and an inbound call flow for each name a transferToFlow
// names: which flows exist is the org's business, not the file's.
const org = await startFakeOrg({
  dataActions,
  flows: [
    ...flows.map(({ data, root, type }) => ({ name: data?.[root]?.name, type })),
    ...flows.flatMap(({ data }) => transferTargets(data)).map((name) => ({ name, type: 'inboundcall' })),
  ],
});
const require = createRequire(import.meta.url);
const sdk = require('purecloud-flow-scripting-api-sdk-javascript');
const logging = sdk.services.archLogging;
logging.logNotes = false;
logging.logNotesVerbose = false;
logging.logWarnings = false;
logging.logErrors = false;
const session = sdk.environment.archSession;
session.endTerminatesProcess = false;

const report = { flows: [], unanswered: org.unanswered };
session.startWithAuthToken(
  sdk.enums.archEnums.LOCATIONS.prod_us_east_1,
  async () => {
    for (const flow of flows) report.flows.push(await checkFlow(flow));
  },
  'offline-token',
  () => {
    org.close();
    process.stdout.write(`ORACLE-REPORT ${JSON.stringify(report)}\n`, () => process.exit(0));
  },
);

async function checkFlow({ file, root, create, data }) {
  const result = { file, rejected: [], unmapped: [], notes: [], errors: [], warnings: [] };
  const keys = Object.keys(data ?? {});
  if (keys.length !== 1 || keys[0] !== root) {
    result.unmapped.push(`${file}: root keys ${keys.join(', ')} (expected ${root})`);
    return result;
  }
  const body = data[root];
  const language = sdk.languages.archLanguages.getByLanguageTag(body.defaultLanguage ?? 'en-us');
  if (!language) result.rejected.push({ where: `${root}.defaultLanguage`, message: `unknown language ${body.defaultLanguage}` });
  let flow;
  try {
    await sdk.factories.archFactoryFlows[create](body.name, body.description, language ?? undefined, (created) => (flow = created));
  } catch (error) {
    result.rejected.push({ where: `${root}.name`, message: String(error?.message ?? JSON.stringify(error)) });
    return result;
  }
  const translator = new ArchyToSdk(sdk, flow, {
    dataActionIds: new Map(dataActions.map((action) => [action.name, action.id])),
    integration,
  });
  translator.flowBody(body, root);
  Object.assign(result, await translator.settled(), { errors: [], warnings: [] });
  const validation = await flow.validateAsync();
  for (const issue of validation.issues) {
    const what = issue.archObject?.logStr ?? 'flow';
    for (const error of issue.errors ?? []) result.errors.push(`${what}: ${issueText(error)}`);
    for (const warning of issue.warnings ?? []) result.warnings.push(`${what}: ${issueText(warning)}`);
  }
  return result;
}

function issueText(item) {
  return typeof item === 'string' ? item : (item?.text ?? item?.message ?? item?.description ?? JSON.stringify(item));
}

function readDataActions(folder) {
  if (!existsSync(folder)) return [];
  return readdirSync(folder)
    .filter((file) => file.endsWith('.json'))
    .sort()
    .map((file, index) => {
      const json = JSON.parse(readFileSync(join(folder, file), 'utf8'));
      return { id: `action-${index + 1}`, name: json.name, secure: json.secure === true, json };
    });
}

/** Every `transferToFlow.targetFlow.name` in a parsed flow file, found by an explicit-stack walk. */
function transferTargets(data) {
  const names = [];
  const pending = [data];
  while (pending.length > 0) {
    const value = pending.pop();
    if (value === null || typeof value !== 'object') continue;
    const target = value.transferToFlow?.targetFlow?.name;
    if (typeof target === 'string') names.push(target);
    pending.push(...Object.values(value));
  }
  return names;
}
