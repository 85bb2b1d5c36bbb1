import { EngineError } from '../../engine-contract.js';
import type { StudioAction, StudioScript } from './script.js';
import { REST_API_ROLES, type RestApiRole } from '../catalog/rest-api-roles.js';
import { TRANSFER_FAILURE_BRANCHES } from '../facts.js';

/**
 * Every action, property, property value and branch the CXone engine models: what ivrflow writes
 * (src/emit/cxone, docs/cxone.md). The script is checked against it when the engine is built, so an
 * emitter change the engine does not model (a new action, DetectDTMF "True", another priority
 * management) fails loudly instead of being run as if it meant nothing.
 */
type ValueRule = 'any' | 'empty' | 'integer' | 'name' | readonly string[];

interface ActionVocabulary {
  properties: Readonly<Record<string, ValueRule>>;
  /** Labels of `branch` branches, each at the index of its position here; every action may have its `default` branch (index 0). */
  branches: readonly string[];
  /** A tenant action: its branch indexes come from the tenant's catalog, not from here. */
  tenantIndexes?: true;
  cases?: true;
}

const TTS = { Sequence: 'any', Phrase: 'any' } as const;

const VOCABULARY: Readonly<Record<string, ActionVocabulary>> = {
  BEGIN: { properties: { RootFolder: 'empty', Application: 'empty', ParamCount: 'empty', Parameters: 'any' }, branches: [] },
  PLAY: {
    properties: {
      ...TTS,
      ClearDigits: ['True'],
      DetectDTMF: ['False'],
      SuppressSilence: 'empty',
      TTSVolume: 'empty',
      TTSRate: 'empty',
      TTSVoice: 'empty',
    },
    branches: [],
  },
  MENU: {
    properties: {
      ...TTS,
      ClearDigits: ['True'],
      MaxDigits: 'integer',
      Terminator: ['', '#-', '*-'],
      Timeout: 'integer',
      InterDigitTimeout: 'integer',
      Variable: 'name',
    },
    branches: [],
    cases: true,
  },
  CAPTURE: {
    properties: { MaxDigits: 'integer', Terminator: ['', '#-', '*-'], Timeout: 'integer', InterDigitTimeout: 'integer', Variable: 'name' },
    branches: ['Timeout', 'Terminator', 'MaxDigits', 'InterDigitTimeout'],
    tenantIndexes: true,
  },
  ASSIGN: {
    properties: {
      Variable: 'name',
      Value: 'any',
      Type: ['String', 'Numeric'],
      Publish: 'empty',
      ScreenPop: ['True', 'False'],
      SaveToDB: ['False'],
      MaxStringSize: ['Limit2K', 'Limit32K'],
    },
    branches: [],
  },
  IF: { properties: { Expression: 'any' }, branches: ['True', 'False'] },
  CASE: { properties: { Variable: 'name' }, branches: [], cases: true },
  SNIPPET: { properties: { Data: 'any', MaxStringSize: ['Limit2K', 'Limit32K'] }, branches: ['Error'] },
  REQAGENT: {
    // Only Skill and InitialPriority are observable; the others must keep the values ivrflow writes.
    properties: {
      Skill: 'any',
      TargetAgent: 'empty',
      PriorityManagement: ['Custom'],
      InitialPriority: 'integer',
      Acceleration: 'integer',
      Function: 'empty',
      MaxPriority: 'integer',
      Sequence: 'empty',
      ZipTone: 'any',
      ScreenPopSource: 'any',
      ScreenPopURL: 'empty',
      HighProficiency: 'integer',
      LowProficiency: 'integer',
      RoutingAttribute: 'any',
    },
    branches: ['Error', 'OnError'],
    tenantIndexes: true,
  },
  // The hold loop after REQAGENT: the call is queued before it is reached.
  MUSIC: {
    properties: {
      MusicFile: 'any',
      StartOffset: 'any',
      SecondstoPlay: 'any',
      reserved1073742978: 'any',
      InterruptMessages: 'any',
      RepeatIndex: 'any',
      DetectDTMF: ['False'],
      ClearDigits: ['True'],
    },
    branches: [],
  },
  HANGUP: { properties: {}, branches: [] },
  // After TRANSFER's Default branch: the far end answered and Studio no longer controls the call.
  END: { properties: {}, branches: [] },
  // Tenant actions (--cxone-catalog): a transfer to a number, and to another script (spec 1.1 `transfer`).
  TRANSFER: {
    properties: { Destination: 'any', CallerID: 'empty', NoAnswerTimeout: 'any', Skill: 'empty' },
    branches: TRANSFER_FAILURE_BRANCHES,
    tenantIndexes: true,
  },
  RUNSCRIPT: { properties: { ScriptName: 'any', Parameters: 'any' }, branches: [], tenantIndexes: true },
  // A tenant's REST API action (--cxone-catalog): whatever names its catalog entry gives each role
  // (catalog/rest-api-roles.ts; the names are UNCONFIRMED, docs/cxone.md), run by rest-api-action.ts.
  RESTAPI: { properties: restApiProperties(), branches: ['Error', 'OnError'], tenantIndexes: true },
};

function restApiProperties(): Record<string, ValueRule> {
  const rules: Record<RestApiRole['role'], ValueRule> = {
    verb: 'any',
    url: 'any',
    body: 'any',
    headers: 'any',
    timeout: 'integer',
    result: 'name',
  };
  return Object.fromEntries(REST_API_ROLES.flatMap((role) => role.names.map((name) => [name, rules[role.role]] as const)));
}

export function checkVocabulary(script: StudioScript): void {
  for (const action of script.actions.values()) checkAction(action, script.file);
}

function checkAction(action: StudioAction, file: string): void {
  const where = `${file}: action ${action.id} ${action.name} "${action.label}"`;
  const vocabulary = VOCABULARY[action.name];
  if (!vocabulary) throw new EngineError(`unknown action ${action.name}`, where);
  for (const [name, value] of action.properties) {
    const rule = vocabulary.properties[name];
    if (rule === undefined) throw new EngineError(`unknown ${action.name} property ${name}`, where);
    if (!fits(value, rule))
      throw new EngineError(`${action.name} property ${name} = ${JSON.stringify(value)} is not what the engine models`, where);
  }
  action.branches.forEach((branch, position) => {
    const known =
      branch.type === 'default'
        ? branch.label === ''
        : branch.type === 'case'
          ? vocabulary.cases === true
          : vocabulary.branches.includes(branch.label);
    if (!known) throw new EngineError(`unknown ${branch.type} branch ${JSON.stringify(branch.label)} on ${action.name}`, where);
    const index = expectedIndex(branch, position, vocabulary);
    if (index !== undefined && index !== branch.index)
      throw new EngineError(
        `${action.name} ${branch.type} branch ${JSON.stringify(branch.label)} has index ${branch.index}, not ${index}`,
        where,
      );
  });
}

/**
 * docs/cxone.md §1.2, §6.7: Default is index 0, a named branch its position in the action's
 * branch list, a case its position among the branches (MCP). Tenant actions are not checked.
 */
function expectedIndex(branch: StudioAction['branches'][number], position: number, vocabulary: ActionVocabulary): number | undefined {
  if (branch.type === 'default') return 0;
  if (branch.type === 'case') return position;
  return vocabulary.tenantIndexes ? undefined : vocabulary.branches.indexOf(branch.label);
}

function fits(value: string, rule: ValueRule): boolean {
  if (rule === 'any') return true;
  if (rule === 'empty') return value === '';
  if (rule === 'integer') return /^[0-9]+$/.test(value);
  if (rule === 'name') return /^[A-Za-z_][A-Za-z0-9_]*$/.test(value);
  return rule.includes(value);
}
