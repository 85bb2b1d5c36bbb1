// Archy YAML (the subset ivrflow writes) turned into Architect Scripting SDK calls, so the
// Architect core inside the SDK can judge it. The SDK has no YAML import (its only import format is
// Architect's own export), so this translator is ours: it maps each key it knows to the SDK setter
// that the key stands for, and reports every key or action it does not know as `unmapped` instead of
// dropping it. Keys this old SDK build has no property for are `notes` only when listed below.

/** collectInput keys newer than this SDK build (seen in published flows; the setter does not exist). */
const NOT_IN_THIS_BUILD = new Set(['acceptJustStar', 'acceptJustPound', 'includeTerminatingDtmfInResultData']);

/**
 * Keys this build has no property for, whose `noValue` means "leave it unset", the state a new
 * action starts in. Any other value for them is unmapped.
 */
const UNSET_ONLY = {
  callData: ['processingPrompt'],
  callDataSecure: ['processingPrompt'],
  transferToAcd: ['preferredAgents', 'directAgent', 'failureOutputs'],
  transferToFlowSecure: ['failureOutputs'],
};

export class ArchyToSdk {
  /**
   * @param {any} sdk the required SDK module
   * @param {any} flow an SDK flow object
   * @param {{ flowType: string, dataActionIds: Map<string, string>, integration: string | undefined }} org
   */
  constructor(sdk, flow, org) {
    this.sdk = sdk;
    this.actions = sdk.factories.archFactoryActions;
    this.flow = flow;
    this.org = org;
    /** @type {{ rejected: { where: string, message: string }[], unmapped: string[], notes: string[] }} */
    this.report = { rejected: [], unmapped: [], notes: [] };
    this.pending = [];
    this.tasks = new Map();
  }

  /** Builds the whole flow body (the mapping under the root key). Await `settled()` afterwards. */
  flowBody(body, where) {
    const rest = this.keys(body, where, [
      'name',
      'description',
      'division',
      'startUpRef',
      'defaultLanguage',
      'initialGreeting',
      'variables',
      'tasks',
    ]);
    void rest;
    if (body.description !== undefined) this.attempt(where, () => (this.flow.description = body.description));
    // The division is an org object; the fake org has every division, so nothing to check here.
    if (body.initialGreeting !== undefined) this.audio(this.flow.initialAudio, body.initialGreeting, `${where}.initialGreeting`);
    const taskList = body.tasks ?? [];
    const start = /^\/[A-Za-z]+\/tasks\/task\[(.+)\]$/.exec(body.startUpRef ?? '')?.[1];
    if (start === undefined) this.report.unmapped.push(`${where}.startUpRef: ${String(body.startUpRef)}`);
    for (const [index, item] of taskList.entries()) {
      const task = this.singleKey(item, 'task', `${where}.tasks[${index}]`);
      if (!task) continue;
      this.keys(task, `${where}.tasks[${index}].task`, ['name', 'refId', 'actions']);
      const sdkTask = this.attempt(`${where}.tasks[${index}]`, () =>
        this.sdk.factories.archFactoryTasks.addTask(this.flow, task.name, task.refId === start),
      );
      this.tasks.set(task.refId, { sdkTask, task, where: `${where}.tasks[${index}].task` });
    }
    if (start !== undefined && !this.tasks.has(start)) this.report.unmapped.push(`${where}.startUpRef names no task: ${start}`);
    const holder = flowVariableHolder(this.flow, [...this.tasks.values()][0]?.sdkTask);
    for (const [index, declaration] of (body.variables ?? []).entries()) this.variable(holder, declaration, `${where}.variables[${index}]`);
    for (const { sdkTask, task, where: taskWhere } of this.tasks.values())
      if (sdkTask) this.actionList(sdkTask, task.actions, `${taskWhere}.actions`);
  }

  async settled() {
    // Async setters (queue, skill, data action and flow look-ups) can queue further work.
    while (this.pending.length > 0) await Promise.all(this.pending.splice(0));
    return this.report;
  }

  variable(holder, declaration, where) {
    const [kind, spec] = Object.entries(declaration)[0] ?? [];
    const type = /^(string|integer|decimal|boolean)Variable$/.exec(kind ?? '')?.[1];
    if (!type || Object.keys(declaration).length !== 1)
      return void this.report.unmapped.push(`${where}: ${Object.keys(declaration).join(', ')}`);
    this.keys(spec, `${where}.${kind}`, ['name', 'initialValue', 'isSecure']);
    const variable = this.attempt(where, () => holder.addVariable(spec.name, this.flow.dataTypes[type]));
    if (!variable) return;
    if (spec.isSecure !== undefined) this.attempt(`${where}.isSecure`, () => (variable.isSecure = spec.isSecure === true));
    if (spec.initialValue !== undefined) this.value(variable.initialValue, spec.initialValue, `${where}.${kind}.initialValue`);
  }

  actionList(container, list, where) {
    for (const [index, item] of (list ?? []).entries()) {
      const keys = Object.keys(item ?? {});
      const at = `${where}[${index}]`;
      if (keys.length !== 1) {
        this.report.unmapped.push(`${at}: ${keys.join(', ')}`);
        continue;
      }
      const kind = keys[0];
      const build = ACTIONS[kind];
      if (!build) {
        this.report.unmapped.push(`${at}: action ${kind}`);
        continue;
      }
      const spec = item[kind];
      const known = [...build.keys, 'name', ...(UNSET_ONLY[kind] ?? [])];
      this.keys(spec, `${at}.${kind}`, known);
      for (const key of UNSET_ONLY[kind] ?? []) if (spec[key] !== undefined) this.unsetOnly(spec[key], `${at}.${kind}.${key}`);
      this.attempt(`${at}.${kind}`, () => build.add.call(this, container, spec, `${at}.${kind}`));
    }
  }

  /** The outputs mapping of an action: each named output's actions go into the SDK output. */
  outputs(action, outputs, byName, where) {
    this.keys(outputs ?? {}, `${where}.outputs`, Object.keys(byName));
    for (const [name, output] of Object.entries(outputs ?? {})) {
      const getter = byName[name];
      if (!getter) continue;
      this.keys(output, `${where}.outputs.${name}`, ['actions']);
      this.actionList(getter(action), output.actions, `${where}.outputs.${name}.actions`);
    }
  }

  /** A property value: `{lit}`, `{exp}`, `{var}` or `{noValue: true}` set through the SDK value's own setter. */
  value(archValue, spec, where) {
    const keys = Object.keys(spec ?? {});
    if (keys.length !== 1) return void this.report.unmapped.push(`${where}: ${keys.join(', ')}`);
    const [key] = keys;
    const raw = spec[key];
    if (key === 'noValue' && raw === true) return void this.attempt(where, () => archValue.setNoValue());
    if (key === 'exp') return void this.attempt(where, () => archValue.setExpression(String(raw)));
    if (key === 'var') return void this.attempt(where, () => archValue.setVariable(this.variableNamed(String(raw), where)));
    if (key === 'lit') return void this.literal(archValue, raw, where);
    this.report.unmapped.push(`${where}: ${key}`);
  }

  literal(archValue, raw, where) {
    const set = (name, ...args) => {
      if (typeof archValue[name] !== 'function') return false;
      const result = this.attempt(where, () => archValue[name](...args));
      if (result && typeof result.then === 'function') this.await(where, result);
      return true;
    };
    if (typeof raw === 'string' && set('setLiteralString', raw)) return;
    if (typeof raw === 'boolean' && set('setLiteralBool', raw)) return;
    if (typeof raw === 'number' && Number.isInteger(raw) && set('setLiteralInt', raw)) return;
    if (typeof raw === 'number' && set('setLiteralDecimal', raw)) return;
    if (raw && typeof raw === 'object') {
      this.keys(raw, `${where}.lit`, ['seconds', 'ms', 'name']);
      if (typeof raw.seconds === 'number' && set('setLiteralTimeParts', 0, 0, 0, raw.seconds, 0)) return;
      if (typeof raw.ms === 'number' && set('setLiteralMs', raw.ms)) return;
      if (typeof raw.name === 'string' && (set('setLiteralByQueueNameAsync', raw.name) || set('setLiteralBySkillNameAsync', raw.name)))
        return;
    }
    this.report.unmapped.push(`${where}: literal ${JSON.stringify(raw)} for ${archValue?.dataType?.displayName ?? 'this value'}`);
  }

  audio(archAudio, spec, where) {
    const keys = Object.keys(spec ?? {});
    if (keys.length !== 1) return void this.report.unmapped.push(`${where}: ${keys.join(', ')}`);
    if (keys[0] === 'tts') return void this.attempt(where, () => archAudio.setDefaultCaseLiteralTTS(String(spec.tts)));
    if (keys[0] === 'exp') return void this.attempt(where, () => archAudio.setDefaultCaseExpression(String(spec.exp)));
    if (keys[0] === 'noValue' && spec.noValue === true) return void this.attempt(where, () => archAudio.defaultCase.setNoValue());
    this.report.unmapped.push(`${where}: ${keys[0]}`);
  }

  unsetOnly(spec, where) {
    if (spec && spec.noValue === true && Object.keys(spec).length === 1) return;
    if (spec && typeof spec === 'object' && Object.values(spec).every((inner) => inner && inner.noValue === true)) return;
    this.report.unmapped.push(`${where}: only noValue is mapped (this SDK build has no such property)`);
  }

  variableNamed(name, where) {
    const variable = this.flow.getVariableByName(name);
    if (!variable) throw new Error(`${where}: variable ${name} is not declared`);
    return variable;
  }

  dataAction(spec, where) {
    const categories = Object.entries(spec.category ?? {});
    if (categories.length !== 1) throw new Error(`${where}.category: expected one integration, got ${categories.length}`);
    const [integration, category] = categories[0];
    if (this.org.integration !== undefined && integration !== this.org.integration)
      this.report.unmapped.push(`${where}.category: integration ${integration} is not ${this.org.integration}`);
    this.keys(category, `${where}.category.${integration}`, ['dataAction']);
    const actions = Object.entries(category.dataAction ?? {});
    if (actions.length !== 1) throw new Error(`${where}.category: expected one data action, got ${actions.length}`);
    const [name, call] = actions[0];
    this.keys(call, `${where}.dataAction`, ['inputs', 'successOutputs']);
    const id = this.org.dataActionIds.get(name);
    if (id === undefined) throw new Error(`${where}: no data action file is named ${JSON.stringify(name)}`);
    return { id, call };
  }

  /** After the action's contract is loaded: inputs and outputs by name, as the contract names them. */
  dataActionValues(action, call, where) {
    for (const [field, value] of Object.entries(call.inputs ?? {})) {
      const named = action.dataActionInputs.getNamedValueByName(field);
      if (!named) this.report.rejected.push({ where: `${where}.inputs.${field}`, message: 'not an input of the data action contract' });
      else this.value(named.value, value, `${where}.inputs.${field}`);
    }
    for (const [field, value] of Object.entries(call.successOutputs ?? {})) {
      const named = action.dataActionOutputsSuccess.getNamedValueByName(field);
      if (!named)
        this.report.rejected.push({
          where: `${where}.successOutputs.${field}`,
          message: 'not a success output of the data action contract',
        });
      else this.value(named.value, value, `${where}.successOutputs.${field}`);
    }
  }

  /** Records what the SDK refuses; returns the setter's result or undefined. */
  attempt(where, run) {
    try {
      return run();
    } catch (error) {
      this.report.rejected.push({ where, message: errorText(error) });
      return undefined;
    }
  }

  await(where, promise) {
    this.pending.push(Promise.resolve(promise).catch((error) => this.report.rejected.push({ where, message: errorText(error) })));
  }

  keys(object, where, known) {
    if (!object || typeof object !== 'object') return void this.report.unmapped.push(`${where}: not a mapping`);
    for (const key of Object.keys(object)) {
      if (known.includes(key)) continue;
      if (NOT_IN_THIS_BUILD.has(key)) this.report.notes.push(`${where}.${key}: no counterpart in this SDK build`);
      else this.report.unmapped.push(`${where}.${key}`);
    }
  }

  singleKey(item, key, where) {
    if (item && typeof item === 'object' && Object.keys(item).length === 1 && item[key]) return item[key];
    this.report.unmapped.push(`${where}: expected ${key}`);
    return undefined;
  }
}

/**
 * This SDK build's public API adds variables only to tasks and states (`ArchTask.addVariable`),
 * while Archy files declare `Flow.` variables. The same SDK routine run against the flow's own
 * core view model adds them at flow scope: the task supplies the routine, the flow the container (its variable group holds flow variables).
 */
function flowVariableHolder(flow, task) {
  if (!task) return undefined;
  const flowCore = flow._getCoreViewModel();
  const container = Object.create(flowCore, { addVariable: { value: (variable) => flowCore.variableGroup.addVariable(variable) } });
  return Object.create(task, { _getCoreViewModel: { value: () => container } });
}

function errorText(error) {
  return String(error?.message ?? error)
    .split('\n')[0]
    .slice(0, 400);
}

const yesNo = { yes: (a) => a.outputYes, no: (a) => a.outputNo };
const output = (id) => (a) => a.getOutputById(id);

/** Each Archy action: the keys it maps besides `name`, and how it is added. */
const ACTIONS = {
  playAudio: {
    keys: ['audio'],
    add(container, spec, where) {
      const action = this.actions.addActionPlayAudio(container, spec.name);
      this.audio(action.audio, spec.audio, `${where}.audio`);
    },
  },
  disconnect: {
    keys: [],
    add: function (container, spec) {
      this.actions.addActionDisconnect(container, spec.name);
    },
  },
  loopNext: {
    keys: [],
    add: function (container, spec) {
      this.actions.addActionLoopNext(container, spec.name);
    },
  },
  loopExit: {
    keys: [],
    add: function (container, spec) {
      this.actions.addActionLoopExit(container, spec.name);
    },
  },
  endTask: {
    keys: [],
    add: function (container, spec) {
      this.actions.addActionEndTask(container, spec.name);
    },
  },
  jumpToTask: {
    keys: ['targetTaskRef'],
    add(container, spec, where) {
      const ref = /^\/[A-Za-z]+\/tasks\/task\[(.+)\]$/.exec(spec.targetTaskRef ?? '')?.[1];
      const target = ref === undefined ? undefined : this.tasks.get(ref)?.sdkTask;
      if (!target) throw new Error(`${where}.targetTaskRef names no task: ${String(spec.targetTaskRef)}`);
      this.actions.addActionJumpToTask(container, spec.name, target);
    },
  },
  decision: {
    keys: ['condition', 'outputs'],
    add(container, spec, where) {
      const action = this.actions.addActionDecision(container, spec.name);
      this.value(action.condition, spec.condition, `${where}.condition`);
      this.outputs(action, spec.outputs, yesNo, where);
    },
  },
  loop: {
    keys: ['loopCount', 'currentIndex', 'outputs'],
    add(container, spec, where) {
      const action = this.actions.addActionLoop(container, spec.name);
      this.value(action.loopCount, spec.loopCount, `${where}.loopCount`);
      this.value(action.currentIndex, spec.currentIndex, `${where}.currentIndex`);
      this.outputs(action, spec.outputs, { loop: (a) => a.outputLoop }, where);
    },
  },
  updateData: {
    keys: ['statements'],
    add(container, spec, where) {
      const action = this.actions.addActionUpdateData(container, spec.name);
      for (const [index, statement] of (spec.statements ?? []).entries()) {
        const at = `${where}.statements[${index}]`;
        const [type, body] = Object.entries(statement)[0] ?? [];
        if (!type || !this.flow.dataTypes[type] || Object.keys(statement).length !== 1) {
          this.report.unmapped.push(`${at}: ${Object.keys(statement).join(', ')}`);
          continue;
        }
        this.keys(body, `${at}.${type}`, ['variable', 'value']);
        const pair = this.attempt(at, () =>
          action.addUpdateDataStatement(this.flow.dataTypes[type], this.variableNamed(body.variable, at)),
        );
        if (pair) this.value(pair.valueToAssign, body.value, `${at}.${type}.value`);
      }
    },
  },
  setParticipantData: {
    keys: ['attributes'],
    add(container, spec, where) {
      const action = this.actions.addActionSetParticipantData(container, spec.name);
      for (const [index, item] of (spec.attributes ?? []).entries()) {
        const at = `${where}.attributes[${index}]`;
        const attribute = this.singleKey(item, 'attribute', at);
        if (!attribute) continue;
        this.keys(attribute, `${at}.attribute`, ['name', 'value']);
        const pair = action.addAttributeNameValuePair();
        this.value(pair.name, attribute.name, `${at}.attribute.name`);
        this.value(pair.value, attribute.value, `${at}.attribute.value`);
      }
    },
  },
  collectInput: {
    keys: ['inputData', 'digits', 'interDigitTimeout', 'noEntryTimeout', 'inputAudio', 'verificationType', 'outputs'],
    add(container, spec, where) {
      const action = this.actions.addActionCollectInput(container, spec.name);
      this.value(action.valueVariableInputData, spec.inputData, `${where}.inputData`);
      this.digits(action, spec.digits, `${where}.digits`);
      if (spec.interDigitTimeout !== undefined) this.value(action.interDigitTimeout, spec.interDigitTimeout, `${where}.interDigitTimeout`);
      if (spec.noEntryTimeout !== undefined) this.value(action.noEntryTimeout, spec.noEntryTimeout, `${where}.noEntryTimeout`);
      if (spec.inputAudio !== undefined) this.audio(action.inputAudio, spec.inputAudio, `${where}.inputAudio`);
      if (spec.verificationType !== undefined)
        this.attempt(`${where}.verificationType`, () => (action.verificationType = spec.verificationType));
      this.outputs(action, spec.outputs, { success: output('success'), failure: output('failure') }, where);
    },
  },
  callData: { keys: ['timeout', 'category', 'outputs'], add: callDataAction('addActionCallData', 'setDataActionByIdAsync') },
  callDataSecure: {
    keys: ['timeout', 'category', 'outputs'],
    add: callDataAction('addActionCallDataSecure', 'setDataSecureActionByIdAsync'),
  },
  transferToAcd: {
    keys: ['targetQueue', 'priority', 'languageSkill', 'acdSkills', 'preTransferAudio', 'failureTransferAudio', 'outputs'],
    add(container, spec, where) {
      const action = this.actions.addActionTransferToAcd(container, spec.name);
      this.value(action.targetQueue, spec.targetQueue, `${where}.targetQueue`);
      if (spec.priority !== undefined) this.value(action.priority, spec.priority, `${where}.priority`);
      if (spec.languageSkill !== undefined) this.value(action.languageSkill, spec.languageSkill, `${where}.languageSkill`);
      this.skills(action, spec.acdSkills, `${where}.acdSkills`);
      if (spec.preTransferAudio !== undefined) this.audio(action.preTransferAudio, spec.preTransferAudio, `${where}.preTransferAudio`);
      if (spec.failureTransferAudio !== undefined)
        this.audio(action.failureTransferAudio, spec.failureTransferAudio, `${where}.failureTransferAudio`);
      this.outputs(action, spec.outputs, { failure: output('failure') }, where);
    },
  },
  transferToFlowSecure: {
    keys: ['targetFlow', 'connectTimeout', 'invocationData', 'preTransferAudio', 'failureTransferAudio', 'outputs'],
    add(container, spec, where) {
      const action = this.actions.addActionTransferToFlowSecure(container, spec.name);
      this.keys(spec.targetFlow, `${where}.targetFlow`, ['name']);
      const flows = this.sdk.factories.archFactoryFlows;
      this.await(
        `${where}.targetFlow`,
        flows.getFlowInfoByFlowNameAsync(spec.targetFlow?.name, this.sdk.enums.archEnums.FLOW_TYPES.secureCall, (info) => {
          if (!info) throw new Error(`no secure call flow named ${JSON.stringify(spec.targetFlow?.name)}`);
          action.targetFlowInfo = info;
        }),
      );
      if (spec.connectTimeout !== undefined) this.value(action.connectTimeout, spec.connectTimeout, `${where}.connectTimeout`);
      if (spec.invocationData !== undefined) this.value(action.invocationData, spec.invocationData, `${where}.invocationData`);
      if (spec.preTransferAudio !== undefined) this.audio(action.preTransferAudio, spec.preTransferAudio, `${where}.preTransferAudio`);
      if (spec.failureTransferAudio !== undefined)
        this.audio(action.failureTransferAudio, spec.failureTransferAudio, `${where}.failureTransferAudio`);
      this.outputs(action, spec.outputs, { failure: output('failure') }, where);
    },
  },
  transferToNumber: {
    keys: ['targetNumber', 'preTransferAudio', 'outputs'],
    add(container, spec, where) {
      const action = this.actions.addActionTransferToNumber(container, spec.name);
      this.value(action.targetNumber, spec.targetNumber, `${where}.targetNumber`);
      if (spec.preTransferAudio !== undefined) this.audio(action.preTransferAudio, spec.preTransferAudio, `${where}.preTransferAudio`);
      this.outputs(action, spec.outputs, { failure: output('failure') }, where);
    },
  },
  transferToFlow: {
    keys: ['targetFlow', 'preTransferAudio', 'outputs'],
    add(container, spec, where) {
      const action = this.actions.addActionTransferToFlow(container, spec.name);
      this.keys(spec.targetFlow, `${where}.targetFlow`, ['name']);
      const flows = this.sdk.factories.archFactoryFlows;
      this.await(
        `${where}.targetFlow`,
        flows.getFlowInfoByFlowNameAsync(spec.targetFlow?.name, this.sdk.enums.archEnums.FLOW_TYPES.inboundCall, (info) => {
          if (!info) throw new Error(`no inbound call flow named ${JSON.stringify(spec.targetFlow?.name)}`);
          action.targetFlowInfo = info;
        }),
      );
      if (spec.preTransferAudio !== undefined) this.audio(action.preTransferAudio, spec.preTransferAudio, `${where}.preTransferAudio`);
      this.outputs(action, spec.outputs, { failure: output('failure') }, where);
    },
  },
};

function callDataAction(addName, setName) {
  return function (container, spec, where) {
    const action = this.actions[addName](container, spec.name);
    if (spec.timeout !== undefined) {
      // The flow-side timeout applies only without the action's suggested one.
      this.attempt(`${where}.timeout`, () => (action.useSuggestedTimeout = false));
      this.value(action.timeout, spec.timeout, `${where}.timeout`);
    }
    const { id, call } = this.dataAction(spec, where);
    this.await(
      `${where}.category`,
      action[setName](id, () => this.dataActionValues(action, call, where)),
    );
    this.outputs(action, spec.outputs, { success: output('success'), failure: output('failure'), timeout: (a) => a.outputTimeout }, where);
  };
}

ArchyToSdk.prototype.digits = function (action, digits, where) {
  this.keys(digits ?? {}, where, ['exact', 'range']);
  if (digits?.exact !== undefined) return void this.attempt(where, () => action.setDigitsExact(digits.exact));
  const range = digits?.range;
  if (!range) return void this.report.unmapped.push(`${where}: neither exact nor range`);
  this.keys(range, `${where}.range`, ['min', 'max', 'terminatingDtmf']);
  const terminator = range.terminatingDtmf === undefined ? undefined : /^digit_([0-9*#])$/.exec(range.terminatingDtmf)?.[1];
  if (range.terminatingDtmf !== undefined && terminator === undefined)
    this.report.unmapped.push(`${where}.range.terminatingDtmf: ${range.terminatingDtmf}`);
  this.attempt(where, () => action.setDigitsRange(range.min, range.max, terminator));
};

ArchyToSdk.prototype.skills = function (action, skills, where) {
  if (skills === undefined || (skills && skills.noValue === true && Object.keys(skills).length === 1)) return;
  if (!Array.isArray(skills)) return void this.report.unmapped.push(`${where}: not a list`);
  for (const [index, item] of skills.entries()) {
    const at = `${where}[${index}]`;
    const skill = this.singleKey(item, 'acdSkill', at);
    if (!skill) continue;
    // This build sets collection items only as literals by name; an expression item is unmapped.
    const name = skill.lit?.name;
    if (Object.keys(skill).length !== 1 || typeof name !== 'string' || Object.keys(skill.lit).length !== 1) {
      this.report.unmapped.push(`${at}.acdSkill: only {lit: {name}} is mapped`);
      continue;
    }
    this.await(
      at,
      this.attempt(at, () => action.skills.addLiteralBySkillNameAsync(name)),
    );
  }
};
