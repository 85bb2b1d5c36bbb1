/**
 * The Archy YAML vocabulary ivrflow emits, as types. Every key here is seen in published flows
 * (docs/genesys.md §1, §2, §9.2) unless `unverified.ts` says otherwise.
 */

/** docs/genesys.md §2.0: a property value holds exactly one of these keys. */
export type ArchyValue = { lit: ArchyLiteral } | { exp: string } | { var: string } | { noValue: true };
export type ArchyLiteral = string | number | boolean | { seconds: number } | { ms: number } | { name: string };
/**
 * Audio properties take the `tts` shorthand or an expression (docs/genesys.md §2.0). No published
 * flow writes `noValue` for audio, and the Architect core refuses it (the SDK's setNoValue on audio
 * fails), so an audio property with nothing to play is left out.
 */
export type ArchyAudio = { tts: string } | { exp: string };

export interface ArchyOutput {
  actions: ArchyAction[];
}

export type ArchyAction =
  | { playAudio: { name: string; audio: ArchyAudio } }
  | { collectInput: CollectInput }
  | { callData: CallData }
  | { callDataSecure: CallData }
  | { decision: { name: string; condition: ArchyValue; outputs: { yes: ArchyOutput; no: ArchyOutput } } }
  | { updateData: { name: string; statements: UpdateStatement[] } }
  | { setParticipantData: { name: string; attributes: { attribute: { name: ArchyValue; value: ArchyValue } }[] } }
  | { loop: { name: string; loopCount: ArchyValue; currentIndex: ArchyValue; outputs: { loop: ArchyOutput } } }
  | { loopNext: { name: string } }
  | { loopExit: { name: string } }
  | { jumpToTask: { name: string; targetTaskRef: string } }
  | { transferToAcd: TransferToAcd }
  | { transferToFlowSecure: TransferToFlowSecure }
  | { transferToNumber: TransferToNumber }
  | { transferToFlow: TransferToFlow }
  | { disconnect: { name: string } };

export interface CollectInput {
  name: string;
  inputData: ArchyValue;
  digits: { exact: number } | { range: { min: number; max: number; terminatingDtmf?: string } };
  includeTerminatingDtmfInResultData: false;
  interDigitTimeout: ArchyValue;
  noEntryTimeout: ArchyValue;
  inputAudio: ArchyAudio;
  acceptJustStar: ArchyValue;
  acceptJustPound: ArchyValue;
  verificationType: 'none';
  outputs: { success: ArchyOutput; failure: ArchyOutput };
}

export interface CallData {
  name: string;
  processingPrompt: { noValue: true };
  timeout: ArchyValue;
  /** integration name → `dataAction` → data action name (docs/genesys.md §2.3). */
  category: Record<
    string,
    { dataAction: Record<string, { inputs: Record<string, ArchyValue>; successOutputs: Record<string, ArchyValue> }> }
  >;
  outputs: { success: ArchyOutput; failure: ArchyOutput; timeout: ArchyOutput };
}

export type UpdateStatement = Record<string, { variable: string; value: ArchyValue }>;

export interface TransferToAcd {
  name: string;
  targetQueue: ArchyValue;
  priority: ArchyValue;
  preferredAgents: ArchyValue;
  languageSkill: ArchyValue;
  acdSkills: { acdSkill: ArchyValue }[] | { noValue: true };
  directAgent: ArchyValue;
  preTransferAudio?: ArchyAudio;
  failureOutputs: { errorType: ArchyValue; errorMessage: ArchyValue };
  outputs: { failure: ArchyOutput };
}

export interface TransferToFlowSecure {
  name: string;
  targetFlow: { name: string };
  connectTimeout: ArchyValue;
  invocationData: ArchyValue;
  failureOutputs: { errorType: ArchyValue; errorMessage: ArchyValue };
  outputs: { failure: ArchyOutput };
}

/** Transfer to an outside number (SDK `ArchActionTransferToNumber`; YAML keys UNVERIFIED, see unverified.ts). */
export interface TransferToNumber {
  name: string;
  targetNumber: ArchyValue;
  preTransferAudio?: ArchyAudio;
  outputs: { failure: ArchyOutput };
}

/** Transfer to another flow by name (a published flow writes `targetFlow: {name}`; SDK `ArchActionTransferToFlow`). */
export interface TransferToFlow {
  name: string;
  targetFlow: { name: string };
  preTransferAudio?: ArchyAudio;
  outputs: { failure: ArchyOutput };
}

export type VariableDeclaration = Record<string, { name: string; initialValue: ArchyValue }>;

/** One flow file (docs/genesys.md §1): the root key is the flow type. */
export interface ArchyFlowBody {
  name: string;
  description?: string;
  division?: string;
  startUpRef: string;
  defaultLanguage: string;
  initialGreeting: ArchyAudio;
  variables?: VariableDeclaration[];
  tasks: { task: { name: string; refId: string; actions: ArchyAction[] } }[];
}

export type FlowType = 'inboundCall' | 'secureCall';
export type ArchyFlowFile = Partial<Record<FlowType, ArchyFlowBody>>;

export const NO_VALUE = { noValue: true } as const;

export function lit(value: ArchyLiteral): ArchyValue {
  return { lit: value };
}

export function exp(expression: string): ArchyValue {
  return { exp: expression };
}

/** docs/genesys.md §2.0: durations are `{seconds: n}`, or `{ms: n}` for fractions. */
export function duration(seconds: number): ArchyValue {
  return Number.isInteger(seconds) ? lit({ seconds }) : lit({ ms: Math.round(seconds * 1000) });
}

export function disconnect(name: string): ArchyAction {
  return { disconnect: { name } };
}
