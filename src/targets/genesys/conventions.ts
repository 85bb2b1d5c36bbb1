import type { CallField } from '../../flowspec/refs.js';
import type { SpecPath } from '../../diagnostics/diagnostic.js';
import type { FlowGraph, IrEndpoint } from '../../ir/nodes.js';
import type { EmitProblem } from '../artifact.js';

/** Genesys names of everything the flows refer to, from `targets.genesys` or a documented default. */
export interface GenesysNames {
  inboundFlow: string;
  secureFlow: string;
  division?: string;
  integration: string;
  dataActions: ReadonlyMap<string, string>;
  queues: ReadonlyMap<string, string>;
}

/** Stands for the integration when the spec names none; Archy or Terraform substitution fills it. */
export const DEFAULT_INTEGRATION_PLACEHOLDER = 'genesys_integration';

/**
 * Defaults (docs/genesys.md): flow names from the spec name, data actions named after their
 * endpoint id. A queue or the integration without a name is a warning: the default is a guess.
 */
export function resolveNames(graph: FlowGraph, problems: EmitProblem[]): GenesysNames {
  const targets = graph.targets.genesys ?? {};
  const base: SpecPath = ['targets', 'genesys'];
  const usesHttp = graph.nodes.some((node) => node.kind === 'http');
  let integration = targets.integration;
  if (integration === undefined) {
    integration = `{{${DEFAULT_INTEGRATION_PLACEHOLDER}}}`;
    if (usesHttp)
      problems.push({
        code: 'target/missing-name',
        severity: 'warning',
        message: `\`targets.genesys.integration\` is not set; the data actions use \`${integration}\`.`,
        path: [...base, 'integration'],
        hint: 'Name the Web Services integration that holds the data actions and their credentials.',
      });
  }
  const queues = new Map<string, string>();
  for (const queue of graph.queues) {
    const name = targets.queues?.[queue.id];
    if (name === undefined)
      problems.push({
        code: 'target/missing-name',
        severity: 'warning',
        message: `Queue \`${queue.id}\` has no Genesys name; the flow uses \`${queue.id}\`.`,
        path: ['queues', queue.id],
        onKey: true,
        hint: `Add \`targets.genesys.queues.${queue.id}: <queue name>\`.`,
      });
    queues.set(queue.id, name ?? queue.id);
  }
  const names: GenesysNames = {
    inboundFlow: targets.inboundFlowName ?? graph.name,
    secureFlow: targets.secureFlowName ?? `${graph.name} - Secure`,
    integration,
    dataActions: new Map(graph.endpoints.map((endpoint) => [endpoint.id, targets.dataActions?.[endpoint.id] ?? endpoint.id])),
    queues,
  };
  if (targets.division !== undefined) names.division = targets.division;
  return names;
}

/**
 * Architect expressions for `call.<field>`. `call.ani` is E.164 in the spec; Genesys's `Call.Ani` is a
 * `tel:` URI ("Call.Ani acquires the caller's originating telephone number: 'tel: +13175550116'",
 * https://help.mypurecloud.com/?p=76134), converted as a published flow does
 * (GenesysCloudBlueprints/switch-voice-to-web-messaging@2a99a93 `terraform/modules/in-queue-call-flow/Switch to Web Messaging via SMS.yaml`).
 * `Call.CalledAddressOriginal` is "the called address received when the call first entered the
 * system" (https://help.mypurecloud.com/articles/architect-default-variables/).
 */
export const CALL_FIELD_EXPRESSIONS: Readonly<Record<CallField, string>> = {
  id: 'Call.ConversationId',
  ani: 'ToPhoneNumber(Call.Ani).e164',
  dnis: 'Call.CalledAddressOriginal',
  timestamp: 'ToString(GetCurrentDateTimeUtc())',
};

/**
 * The options-file key that holds substitution pairs: "`substitutions:` org_greeting: Howdy"
 * (https://developer.genesys.cloud/devapps/archy/flowAuthoring/lesson_07_substitutions).
 */
export const OPTIONS_SUBSTITUTIONS_KEY = 'substitutions';

/**
 * The data action input holding a path or query value (spec 1.1): `path_<name>`, `query_<name>`,
 * apart from the body fields, which keep their own names. Shared by the emitter and the engine.
 */
export function urlInputName(part: 'path' | 'query', name: string): string {
  return `${part}_${name}`;
}

/**
 * A spec `audio` name as an Architect audio expression: the user prompt `Prompt.<name>`, as the SDK's
 * own example writes it (`ToAudio(Prompt.Welcome)`, purecloud-flow-scripting-api-sdk-javascript@0.0.18
 * function table). The prompt must exist in the org, with the spec's fallback text as its TTS.
 */
export function userPromptExpression(name: string): string {
  return `ToAudio(Prompt.${name})`;
}

/** The other way, for the engine: the prompt name in `ToAudio(Prompt.<name>)`. */
export const USER_PROMPT_PREFIX = 'Prompt.';

/**
 * `secure: true` when the action verifies or receives a credential. Such an action is found only by
 * Call Secure Data: the Architect core looks Call Data
 * actions up with `secure=false`, and the SDK calls `addActionCallData` "a non-secure data action"
 * (MyPureCloud/purecloud-flow-scripting-api-sdk-javascript docs/types.d.ts). Call Secure Data exists
 * only in secure flows (https://help.mypurecloud.com/articles/call-secure-data-action/), so check.ts refuses a call to one from
 * outside the secure section (`secureDataActionCalls`). Its YAML
 * layout mirrors callData's (UNVERIFIED, unverified.ts). The sensitive variable stays a plain one: the
 * core refuses a secure variable in the sanitizing `Replace` and the length check.
 */
export function isSecureDataAction(endpoint: IrEndpoint): boolean {
  return endpoint.verifiesCredential || endpoint.body.some(({ value }) => value.kind === 'variable' && value.sensitive);
}
