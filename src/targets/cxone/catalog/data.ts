import type { CatalogEntry, CatalogProperty } from './types.js';

/**
 * The built-in action catalog, version 1: only actions whose library GUID is public
 * (research/cxone.md §1.2 table, §6.3–§6.7). CAPTURE and the REST API action are absent on
 * purpose (§6.1: their GUIDs are not public); a tenant catalog adds them (`--cxone-catalog`).
 * Property order and defaults follow the JSON fixtures; branch indexes marked UNVERIFIED in
 * `verified` are the consistent encoding of §6.7, not read back from a tenant.
 */
export const BUILTIN_CATALOG_VERSION = 1;

const props = (pairs: readonly (readonly [string, string | readonly string[]])[]): CatalogProperty[] => pairs.map(([name, defaultValue]) => ({ name, defaultValue }));
const branches = (named: readonly string[] = [], cases = false, hasDefault = true) => ({ default: hasDefault, named: named.map((name, index) => ({ index, name })), cases });

export const BUILTIN_ACTIONS: readonly CatalogEntry[] = [
  {
    name: 'BEGIN', libraryId: 'b2f794c5-0232-40e7-9830-76d573bf57d7', version: 1, implType: '0',
    properties: props([['RootFolder', ''], ['Application', ''], ['ParamCount', ''], ['Parameters', []]]),
    branches: branches(),
    source: 'research/cxone.md §1.2, §2 (MCP src/scripts.js, PWF fixtures, NICE MENU.xml)', verified: 'GUID and properties in a live-tested tool (MCP)',
  },
  {
    name: 'PLAY', libraryId: 'b1b9a2dd-65b6-4626-9cf5-9cfa69cf59e2', version: 1, implType: '0',
    properties: props([['Sequence', ''], ['Phrase', ''], ['ClearDigits', 'False'], ['DetectDTMF', 'False'], ['SuppressSilence', ''], ['TTSVolume', ''], ['TTSRate', ''], ['TTSVoice', '']]),
    branches: branches(['Digit']),
    source: 'research/cxone.md §6.3 (PWF general-script.ts, MCP)', verified: 'GUID, properties and the Digit branch in PWF fixtures',
  },
  {
    name: 'MENU', libraryId: 'daee9c00-12ce-4222-a42e-307c37d53b7f', version: 1, implType: '0',
    properties: props([['Sequence', ''], ['Phrase', ''], ['ClearDigits', 'True'], ['MaxDigits', '1'], ['Terminator', '#-'], ['Timeout', '5'], ['InterDigitTimeout', '5'], ['Variable', 'MRES']]),
    branches: branches([], true),
    source: 'research/cxone.md §6.3 (HELP MENU page, PWF, NICE MENU.xml, MCP)', verified: 'GUID and properties in PWF fixtures and MCP; that MaxDigits counts the terminator and `-` strips it is documented for CAPTURE only (UNVERIFIED for MENU)',
  },
  {
    name: 'ASSIGN', libraryId: '9015c095-98d9-441f-bf92-e90f5c5ed8c8', version: 1, implType: '0',
    properties: props([['Variable', ''], ['Value', ''], ['Type', 'String'], ['Publish', ''], ['ScreenPop', 'False'], ['SaveToDB', 'False'], ['MaxStringSize', 'Limit2K']]),
    branches: branches(['Overflow']),
    source: 'research/cxone.md §6.6 (PWF callsuppression-script.ts, HELP assign)', verified: 'GUID and properties in PWF fixtures; the Overflow index is UNVERIFIED',
  },
  {
    name: 'SNIPPET', libraryId: 'b333da63-33c8-4297-a58a-e9546cf7f0f2', version: 1, implType: '0',
    properties: props([['Data', ''], ['MaxStringSize', 'Limit2K']]),
    branches: branches(['Error']),
    source: 'research/cxone.md §6.5 (PWF callsuppression-script.ts, HELP snippet)', verified: 'GUID and properties in a PWF fixture; the Error branch encoding is UNVERIFIED (§6.5)',
  },
  {
    name: 'IF', libraryId: '6695ba9c-e1d6-4f3c-a15a-94f1400e3169', version: 1, implType: '0',
    properties: props([['Expression', '']]),
    branches: branches(['True', 'False'], false, false),
    source: 'research/cxone.md §1.2, §6.7 (one public file, HELP if)', verified: 'GUID from one public file; HELP names only True and False (no Default); their indexes are UNVERIFIED',
  },
  {
    name: 'CASE', libraryId: '22050500-6dc0-4949-af9c-1e52975f141d', version: 1, implType: '0',
    properties: props([['Variable', '']]),
    branches: branches([], true),
    source: 'research/cxone.md §1.2, §6.7 (one public file, HELP case)', verified: 'GUID from one public file; `case` branches by analogy with MENU (UNVERIFIED)',
  },
  {
    name: 'REQAGENT', libraryId: '689a4a1b-fa0d-47b3-9a02-cbeb4735f08f', version: 1, implType: '0',
    properties: props([
      ['Skill', 'Default'], ['TargetAgent', ''], ['PriorityManagement', 'DefaultfromSkill'], ['InitialPriority', '0'], ['Acceleration', '1'], ['Function', ''], ['MaxPriority', '1000'],
      ['Sequence', ''], ['ZipTone', 'AfterSequence'], ['ScreenPopSource', 'DefaultFromSkill'], ['ScreenPopURL', ''], ['HighProficiency', '1'], ['LowProficiency', '20'], ['RoutingAttribute', 'NotApplicable'],
    ]),
    branches: branches(),
    source: 'research/cxone.md §6.4 (PWF phase1 and edited fixtures, MCP PROPS.REQAGENT, HELP reqagent)', verified: 'GUID and properties in PWF fixtures and MCP; no failure branch is public',
  },
  {
    name: 'MUSIC', libraryId: 'dbcc742b-28d8-42d1-9d95-0d9abf20b04b', version: 1, implType: '0',
    properties: props([['MusicFile', 'Carefree Days.wav'], ['StartOffset', '0'], ['SecondstoPlay', '30'], ['reserved1073742978', ''], ['InterruptMessages', ''], ['RepeatIndex', ''], ['DetectDTMF', 'False'], ['ClearDigits', 'True']]),
    branches: branches(),
    source: 'research/cxone.md §2 (MCP src/scripts.js, PWF)', verified: 'GUID and properties in a live-tested tool (MCP)',
  },
  {
    name: 'HANGUP', libraryId: 'b64a6796-4f66-4b1b-a9b5-3af926ab4b7c', version: 1, implType: '0',
    properties: [],
    branches: branches([], false, false),
    source: 'research/cxone.md §2 (MCP src/scripts.js)', verified: 'GUID in a live-tested tool (MCP), saved with no branches',
  },
  {
    name: 'END', libraryId: '93fb8888-30cf-4df3-8ed9-1f2986819080', version: 1, implType: '0',
    properties: [],
    branches: branches([], false, false),
    source: 'research/cxone.md §1.2 (PWF fixtures)', verified: 'GUID in PWF fixtures',
  },
];
