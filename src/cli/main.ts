import { Command, CommanderError, InvalidArgumentError, Option } from 'commander';
import { TARGET_NAMES, TARGETS, isTargetName, type TargetName } from '../targets/index.js';
import { ENGINE_NAMES, type EngineName } from '../targets/engine-contract.js';
import { PACKAGINGS, PACKAGING_NAMES, isPackagingName, targetsFor, type PackagingName } from '../targets/packaging.js';
import { CliError, EXIT_INTERNAL, EXIT_OK, EXIT_USAGE, processIo, type CliIo } from './io.js';
import { FORMATS, parseFormat, type ContractFormat } from './formats.js';
import { withOutputFile } from './output-file.js';
import { PACKAGE_VERSION } from '../util/package-info.js';
import { optionalProps } from '../util/optional-props.js';
import { GRAPH_FORMATS, type GraphFormat } from '../graph/render.js';
import { FAULT_SYNTAX } from '../contract/mock/faults.js';

/** Run the CLI and return its exit code. Never calls process.exit, so piped output is never cut off. */
export async function run(argv: readonly string[], io: CliIo = processIo()): Promise<number> {
  const verbose = argv.includes('--verbose');
  let exitCode = EXIT_OK;
  const program = buildProgram(io, (code) => {
    exitCode = code;
  });
  try {
    await program.parseAsync([...argv], { from: 'user' });
    return exitCode;
  } catch (error) {
    return handleError(error, io, verbose);
  }
}

function buildProgram(io: CliIo, finish: (exitCode: number) => void): Command {
  const program = new Command('ivrflow')
    .description(
      'Compile a vendor-neutral IVR flow spec into Genesys Cloud Archy YAML and a NICE CXone Studio script, with compliance checks.',
    )
    .version(PACKAGE_VERSION, '-v, --version')
    .option('--verbose', 'print every note in full, and stack traces of internal errors')
    .option('--color', 'colour the output even when it is not a terminal')
    .option('--no-color', 'never colour the output (a non-empty NO_COLOR does the same)')
    .exitOverride()
    .configureOutput({ writeOut: io.stdout, writeErr: io.stderr })
    .showHelpAfterError('(run with --help for usage)');
  /** The io a command runs with: the global --color choice applied. */
  const commandIo = (): CliIo => {
    const { color } = program.opts<{ color?: boolean }>();
    return color === undefined ? io : { ...io, color };
  };
  const verbose = (): boolean => program.opts<{ verbose?: boolean }>().verbose === true;
  registerInit(program, commandIo, finish);
  registerValidate(program, commandIo, verbose, finish);
  registerGenerate(program, commandIo, verbose, finish);
  registerTest(program, commandIo, finish);
  registerArchyResults(program, commandIo, verbose, finish);
  registerRules(program, commandIo, finish);
  registerContractKit(program, commandIo, finish, PACKAGE_VERSION);
  registerPublish(program, commandIo, finish);
  registerCxone(program, commandIo, finish);
  registerGraph(program, commandIo, finish);
  for (const command of program.commands) command.exitOverride().configureOutput({ writeOut: io.stdout, writeErr: io.stderr });
  return program;
}

type Finish = (exitCode: number) => void;
type IoOf = () => CliIo;

const SPEC_ARGUMENT = 'spec files, folders (every ivrflow YAML file below) or quoted globs';

function registerInit(program: Command, ioOf: IoOf, finish: Finish): void {
  program
    .command('init')
    .description(
      'Add ivrflow to a repository: a starter flow and its scenarios, ivrflow.config.yaml, a GitHub workflow and an environment file template. Never overwrites a file.',
    )
    .argument('[dir]', 'the repository folder', '.')
    .action(async (dir: string) => {
      const { initCommand } = await import('./commands/init.js');
      finish(await initCommand(dir, ioOf()));
    });
}

function registerValidate(program: Command, ioOf: IoOf, verbose: () => boolean, finish: Finish): void {
  const command = program
    .command('validate')
    .description(
      'Check specs: YAML, schema, references, graph and security checks. Exit 0 clean, 1 errors, 2 usage or I/O, 70 internal error.',
    )
    .argument('<spec...>', `${SPEC_ARGUMENT}; - reads standard input`)
    .addOption(new Option('-f, --format <format>', 'report format').choices(FORMATS.validate).default('stylish'))
    .option('-t, --target <targets>', `check the vendor limits of these targets only: ${TARGET_NAMES.join(', ')}`, parseTargets)
    .option('--env <file>', "environment file: every {{placeholder}} of the chosen targets' settings must have a value")
    .option('--max-warnings <n>', 'exit 1 when there are more warnings than this', parseCount)
    .option('--stdin-filename <name>', 'the file name that standard input (-) is reported as');
  addCommonOptions(command).action(
    async (
      files: string[],
      options: ReportCommandOptions & { format: string; target?: TargetName[]; env?: string; maxWarnings?: number; stdinFilename?: string },
    ) => {
      const { validateCommand } = await import('./commands/validate.js');
      const io = ioOf();
      finish(
        await withOutputFile(options.outputFile, io, (output) =>
          validateCommand(
            files,
            {
              format: parseFormat('validate', options.format),
              toolVersion: PACKAGE_VERSION,
              ...reportOptions(options, verbose()),
              ...optionalProps(options, ['env', 'maxWarnings', 'config', 'stdinFilename']),
              ...(options.target ? { targets: options.target } : {}),
            },
            output,
          ),
        ),
      );
    },
  );
}

function registerGenerate(program: Command, ioOf: IoOf, verbose: () => boolean, finish: Finish): void {
  const command = program
    .command('generate')
    .description('Compile specs into vendor artifacts under <out>/<flow-slug>/, with a manifest.json.')
    .argument('<spec...>', SPEC_ARGUMENT)
    .requiredOption('-o, --out <dir>', 'output folder; each flow gets <dir>/<flow-slug>/')
    .option(
      '-t, --target <targets>',
      `comma-separated targets (${[
        ...TARGET_NAMES.map((name) => `${name}: ${TARGETS[name].description}`),
        ...PACKAGING_NAMES.map((name) => `${name}: ${PACKAGINGS[name].description}; implies ${PACKAGINGS[name].packages}`),
      ].join('; ')})`,
      parseOutputTargets,
      { targets: [...TARGET_NAMES], packagings: [] },
    )
    .option('--env <file>', 'environment file that fills {{placeholders}} at compile time')
    .option('--check', 'write nothing; exit 1 when the files on disk differ from what would be generated', false)
    .option('-w, --watch', 'regenerate on every change of the specs and the files they read, printing what changed, until Ctrl-C', false)
    .option(
      '--cxone-catalog <file>',
      'JSON file of CXone action definitions from your tenant (GET /actions/{libraryId}); enables CAPTURE and the REST API action',
    )
    .addOption(
      new Option(
        '--graph [format]',
        "also write each flow's step graph (as `ivrflow graph` draws it) to graph.mmd or graph.dot, listed in the manifest; give the format as --graph=dot or after the specs",
      )
        .choices(GRAPH_FORMATS)
        .preset('mermaid'),
    )
    .addOption(new Option('-f, --format <format>', 'report format').choices(FORMATS.generate).default('stylish'));
  addCommonOptions(command).action(
    async (
      files: string[],
      options: ReportCommandOptions & {
        out: string;
        target: OutputTargets;
        env?: string;
        check: boolean;
        watch: boolean;
        format: string;
        cxoneCatalog?: string;
        graph?: GraphFormat;
      },
    ) => {
      const { generateCommand } = await import('./commands/generate.js');
      const io = ioOf();
      const generateOptions = {
        out: options.out,
        targets: options.target.targets,
        packagings: options.target.packagings,
        check: options.check,
        format: parseFormat('generate', options.format),
        toolVersion: PACKAGE_VERSION,
        ...reportOptions(options, verbose()),
        ...optionalProps(options, ['env', 'cxoneCatalog', 'config', 'graph']),
      };
      if (options.watch) {
        const { watchGenerate } = await import('./watch/generate.js');
        finish(await watchGenerate(files, checkWatchable(generateOptions, options), io, stopSignal()));
        return;
      }
      finish(await withOutputFile(options.outputFile, io, (output) => generateCommand(files, generateOptions, output)));
    },
  );
}

function registerArchyResults(program: Command, ioOf: IoOf, verbose: () => boolean, finish: Finish): void {
  const command = program
    .command('archy-results')
    .description(
      'Read the JSON that `archy publish --resultsFile <file>` writes and print its traces as diagnostics, at the spec step they name with --spec. Exit 0 no errors, 1 Archy reported errors (or the file is not a results file), 2 I/O.',
    )
    .argument('<file>', "Archy's results file")
    .option('--spec <spec>', 'the spec the published flows were generated from, to point traces at its steps')
    .addOption(new Option('-f, --format <format>', 'report format').choices(FORMATS.validate).default('stylish'))
    .option('--output-file <file>', 'write the report to this file, whole or not at all, instead of standard output')
    .option('-q, --quiet', 'report errors only', false)
    .option('--base <dir>', 'SARIF file URIs are relative to this folder, e.g. the repository root (default: the working directory)');
  command.action(async (file: string, options: Omit<ReportCommandOptions, 'ignorePattern'> & { format: string; spec?: string }) => {
    const { archyResultsCommand } = await import('./commands/archy-results.js');
    const io = ioOf();
    finish(
      await withOutputFile(options.outputFile, io, (output) =>
        archyResultsCommand(
          file,
          {
            format: parseFormat('validate', options.format),
            toolVersion: PACKAGE_VERSION,
            quiet: options.quiet === true,
            verbose: verbose(),
            ...optionalProps(options, ['spec', 'base']),
          },
          output,
        ),
      ),
    );
  });
}

function registerTest(program: Command, ioOf: IoOf, finish: Finish): void {
  const command = program
    .command('test')
    .description(
      "Simulate calls: run each flow's scenarios (<flow>.test.yaml beside the spec) on the spec and on the generated Genesys and CXone artifacts; every engine must meet the expectations and agree. Exit 0 all passed, 1 a failure, 2 usage or I/O.",
    )
    .argument('<spec...>', `${SPEC_ARGUMENT}, or their scenario files (*.test.yaml)`)
    .addOption(new Option('-f, --format <format>', 'report format').choices(FORMATS.test).default('stylish'))
    .addOption(
      new Option('-e, --engines <engines>', 'comma-separated engines')
        .argParser(parseEngines)
        .default([...ENGINE_NAMES], ENGINE_NAMES.join(',')),
    )
    .addOption(
      new Option('--endpoint <name=url>', "send this endpoint's requests to a real server instead of the canned replies (repeatable)")
        .argParser(parseEndpoint)
        .default(new Map<string, string>(), 'none'),
    )
    .option('-s, --scenario <text>', 'run only the scenarios whose name contains this text (any case)')
    .option('--trace', 'print what each engine did in each scenario: steps, prompts, requests, attributes, the end', false)
    .option('--fail-on-skip', 'exit 1 when an engine run was skipped (by default skips are counted and shown, and never pass)', false)
    .option(
      '-w, --watch',
      'rerun on every change of the specs, their scenario files and the files they read, printing what changed, until Ctrl-C',
      false,
    )
    .option('--env <file>', 'environment file that fills {{placeholders}} at compile time')
    .option('--cxone-catalog <file>', 'JSON file of CXone action definitions from your tenant');
  addCommonOptions(command, { quiet: false }).action(
    async (
      files: string[],
      options: ReportCommandOptions & {
        format: 'stylish' | 'json' | 'junit';
        engines: EngineName[];
        endpoint: Map<string, string>;
        scenario?: string;
        trace: boolean;
        failOnSkip: boolean;
        watch: boolean;
        env?: string;
        cxoneCatalog?: string;
      },
    ) => {
      const { testCommand } = await import('./commands/test.js');
      const io = ioOf();
      const testOptions = {
        format: options.format,
        engines: options.engines,
        endpoints: options.endpoint,
        trace: options.trace,
        failOnSkip: options.failOnSkip,
        ignorePatterns: options.ignorePattern,
        ...optionalProps(options, ['env', 'cxoneCatalog', 'config', 'scenario']),
      };
      if (options.watch) {
        const { watchTest } = await import('./watch/test.js');
        finish(await watchTest(files, checkWatchable(testOptions, options), io, stopSignal()));
        return;
      }
      finish(await withOutputFile(options.outputFile, io, (output) => testCommand(files, testOptions, output)));
    },
  );
}

function registerRules(program: Command, ioOf: IoOf, finish: Finish): void {
  program
    .command('rules')
    .description('List the policy rules with their default severity and what they check.')
    .addOption(new Option('-f, --format <format>', 'output format').choices(FORMATS.rules).default('stylish'))
    .action(async (options: { format: 'stylish' | 'json' }) => {
      const { rulesCommand } = await import('./commands/rules.js');
      finish(rulesCommand(options.format, ioOf()));
    });
}

interface ReportCommandOptions {
  config?: string;
  ignorePattern: string[];
  outputFile?: string;
  quiet?: boolean;
  base?: string;
}

/** The options every command that reads spec files and prints a report has, as ESLint names them. */
function addCommonOptions(command: Command, { quiet = true }: { quiet?: boolean } = {}): Command {
  command
    .option('--config <file>', 'rule configuration (default: the nearest ivrflow.config.yaml, up to the repository root)')
    .option(
      '--ignore-pattern <glob>',
      'leave out the files that match, when expanding folders and globs (repeatable)',
      (value: string, previous: string[]) => [...previous, value],
      [],
    )
    .option('--output-file <file>', 'write the report to this file, whole or not at all, instead of standard output');
  if (quiet)
    command
      .option('-q, --quiet', 'report errors only', false)
      .option('--base <dir>', 'SARIF file URIs are relative to this folder, e.g. the repository root (default: the working directory)');
  return command;
}

function reportOptions(
  options: ReportCommandOptions,
  verbose: boolean,
): { quiet: boolean; verbose: boolean; ignorePatterns: string[]; base?: string } {
  return { quiet: options.quiet === true, verbose, ignorePatterns: options.ignorePattern, ...optionalProps(options, ['base']) };
}

/** `openapi`, `contract` and `mock`: the backend contract of the specs (docs/contract.md). */
function registerContractKit(program: Command, ioOf: IoOf, finish: Finish, version: string): void {
  program
    .command('openapi')
    .description('Write the backend contract of the specs as an OpenAPI 3.1 document (YAML; JSON when --out ends in .json).')
    .argument('<spec...>', 'spec files (flows/*.yaml)')
    .option('-o, --out <file>', 'write to this file instead of stdout')
    .option('--env <file>', 'environment file that fills {{placeholders}}')
    .option('-t, --target <targets>', `describe the requests of these targets only: ${TARGET_NAMES.join(', ')}`, parseTargets)
    .action(async (files: string[], options: { out?: string; env?: string; target?: TargetName[] }) => {
      const { openapiCommand } = await import('./commands/openapi.js');
      finish(await openapiCommand(files, { toolVersion: version, ...optionalProps(options, ['out', 'env', 'target']) }, ioOf()));
    });

  program
    .command('contract')
    .description(
      'Probe a live middleware exactly as the generated Genesys and CXone artifacts call it, and report contract and security findings at the spec position. Exit 0 clean, 1 findings, 2 usage or I/O.',
    )
    .argument('<spec>', 'the spec file whose endpoints are probed')
    .addOption(
      new Option('--endpoint <name=url>', 'probe this endpoint at this url (repeatable); nothing else is ever contacted')
        .argParser(parseEndpoint)
        .default(new Map<string, string>(), 'none'),
    )
    .option('--cases <file>', 'a test customer per endpoint: the credential it accepts (contract.md in the ivrflow documentation)')
    .addOption(new Option('-f, --format <format>', 'report format').choices(FORMATS.contract).default('stylish'))
    .option(
      '--requests <n>',
      'after the cases, send this many requests (1-100000) and report throughput and p50/p99',
      parseBounded(1, 100_000),
    )
    .option('--concurrency <n>', 'requests in flight at once during --requests (1-256, default 1)', parseBounded(1, 256))
    .option('--env <file>', 'environment file that fills {{placeholders}}')
    .option('--config <file>', 'rule configuration (default: ivrflow.config.yaml in the working directory)')
    .action(
      async (
        file: string,
        options: {
          endpoint: Map<string, string>;
          cases?: string;
          format: ContractFormat;
          requests?: number;
          concurrency?: number;
          env?: string;
          config?: string;
        },
      ) => {
        const { contractCommand } = await import('./commands/contract.js');
        finish(
          await contractCommand(
            file,
            {
              endpoints: options.endpoint,
              format: options.format,
              toolVersion: version,
              ...optionalProps(options, ['cases', 'requests', 'concurrency', 'env', 'config']),
            },
            ioOf(),
          ),
        );
      },
    );

  program
    .command('mock')
    .description(
      "Serve the specs' backend contract as a development middleware (bearer check, 60 s window, replay cache, attempts, audit log) until Ctrl-C.",
    )
    .argument('<spec...>', 'spec files (flows/*.yaml)')
    .option('-p, --port <port>', 'port to listen on (0: any free port)', parseBounded(0, 65_535), 8080)
    .option('--host <host>', 'address to listen on', '127.0.0.1')
    .option('--fixtures <file>', 'customers and their codes, faults (contract.md in the ivrflow documentation)')
    .option('--window <seconds>', 'freshness window for request timestamps (default 60)', parseBounded(1, 86_400))
    .option('--fault <faults>', `faults on every request, comma-separated: ${FAULT_SYNTAX.join(', ')}`)
    .option('--audit <file>', 'append the audit log (JSON lines) to this file instead of stdout')
    .option('--env <file>', 'environment file that fills {{placeholders}}')
    .action(
      async (
        files: string[],
        options: { port: number; host: string; fixtures?: string; window?: number; fault?: string; audit?: string; env?: string },
      ) => {
        const { mockCommand } = await import('./commands/mock.js');
        const until = stopSignal();
        finish(
          await mockCommand(
            files,
            {
              port: options.port,
              host: options.host,
              toolVersion: version,
              until,
              ...optionalProps(options, ['fixtures', 'window', 'fault', 'audit', 'env']),
            },
            ioOf(),
          ),
        );
      },
    );
}

function registerPublish(program: Command, ioOf: IoOf, finish: Finish): void {
  program
    .command('publish')
    .description(
      'Publish the compiled specs: Genesys Cloud (data actions, then the secure flow, then the inbound flow, through the flow-jobs API) or CXone (POST /scripts). Credentials from the environment only. Exit 0 published, 1 spec errors or the platform rejected an artifact, 2 usage, credentials or network.',
    )
    .argument('<spec...>', SPEC_ARGUMENT)
    .addOption(new Option('-t, --target <target>', 'the platform to publish to').choices(['genesys', 'cxone']).makeOptionMandatory())
    .option('--env <file>', 'environment file that fills {{placeholders}} at compile time')
    .option('--dry-run', 'print the plan (create, update or unchanged per artifact); send only read requests', false)
    .option('--force', 'publish every artifact, even those the state file records as unchanged', false)
    .option('--state <file>', 'the publish state file to read and update (commit it)', '.ivrflow/publish-state.json')
    .option('--cxone-catalog <file>', 'JSON file of CXone action definitions from your tenant (ivrflow cxone catalog fetch)')
    .option('--config <file>', 'rule configuration (default: the nearest ivrflow.config.yaml, up to the repository root)')
    .option('--timeout <seconds>', 'per request (1-600)', parseBounded(1, 600), 60)
    .addOption(new Option('--poll-interval <ms>', 'between flow-job polls').argParser(parseBounded(1, 60_000)).default(2000).hideHelp())
    .option(
      '--ignore-pattern <glob>',
      'leave out the files that match, when expanding folders and globs (repeatable)',
      (value: string, previous: string[]) => [...previous, value],
      [],
    )
    .action(
      async (
        files: string[],
        options: {
          target: 'genesys' | 'cxone';
          env?: string;
          dryRun: boolean;
          force: boolean;
          state: string;
          cxoneCatalog?: string;
          config?: string;
          timeout: number;
          pollInterval: number;
          ignorePattern: string[];
        },
      ) => {
        const { publishCommand } = await import('./commands/publish.js');
        finish(
          await publishCommand(
            files,
            {
              target: options.target,
              dryRun: options.dryRun,
              force: options.force,
              state: options.state,
              timeoutSeconds: options.timeout,
              pollIntervalMs: options.pollInterval,
              ignorePatterns: options.ignorePattern,
              ...optionalProps(options, ['env', 'cxoneCatalog', 'config']),
            },
            ioOf(),
          ),
        );
      },
    );
}

function registerGraph(program: Command, ioOf: IoOf, finish: Finish): void {
  program
    .command('graph')
    .description(
      'Draw the step graph of a spec for review: the secure section boxed, sensitive steps marked, every transition labelled. Exit 0 drawn, 1 spec errors (nothing drawn), 2 usage or I/O.',
    )
    .argument('<spec>', 'the spec file')
    .addOption(new Option('-f, --format <format>', 'diagram language').choices(GRAPH_FORMATS).default('mermaid'))
    .option('-o, --out <file>', 'write the diagram to this file (whole or not at all) instead of standard output')
    .option('--config <file>', 'rule configuration (default: the nearest ivrflow.config.yaml, up to the repository root)')
    .action(async (file: string, options: { format: GraphFormat; out?: string; config?: string }) => {
      const { graphCommand } = await import('./commands/graph.js');
      finish(await graphCommand(file, { format: options.format, ...optionalProps(options, ['out', 'config']) }, ioOf()));
    });
}

function registerCxone(program: Command, ioOf: IoOf, finish: Finish): void {
  const cxone = program.command('cxone').description('CXone tenant tools.');
  const catalog = cxone.command('catalog').description("The tenant's Studio action catalog.");
  catalog
    .command('fetch')
    .description(
      "Read the tenant's action definitions (GET /actions/{libraryId}) for every action the emitter uses and write the file --cxone-catalog takes. Credentials from the environment only.",
    )
    .requiredOption('-o, --out <file>', 'the catalog file to write')
    .option(
      '--action <name=libraryId>',
      'also read this action (repeatable); CAPTURE and RESTAPI have no public library id, copy it from a script saved in Studio',
      parseAction,
      new Map<string, string>(),
    )
    .option('--timeout <seconds>', 'per request (1-600)', parseBounded(1, 600), 60)
    .action(async (options: { out: string; action: Map<string, string>; timeout: number }) => {
      const { catalogFetchCommand } = await import('./commands/cxone-catalog.js');
      finish(await catalogFetchCommand({ out: options.out, actions: options.action, timeoutSeconds: options.timeout }, ioOf()));
    });
  for (const command of [cxone, catalog, ...catalog.commands])
    command.exitOverride().configureOutput({ writeOut: (text) => ioOf().stdout(text), writeErr: (text) => ioOf().stderr(text) });
}

function parseAction(value: string, previous: Map<string, string>): Map<string, string> {
  const match = /^([A-Za-z][A-Za-z0-9 _-]{0,63})=([0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12})$/.exec(
    value,
  );
  if (!match) throw new InvalidArgumentError(`Expected <ACTION>=<library GUID>, e.g. CAPTURE=0a1b…; got \`${value}\`.`);
  return new Map([...previous, [match[1]!.toUpperCase().replace(/[^A-Z0-9]/g, ''), match[2]!.toLowerCase()]]);
}

/** Resolves on Ctrl-C (SIGINT) or SIGTERM: the long-running commands (mock, --watch) stop cleanly and exit 0. */
function stopSignal(): Promise<unknown> {
  return new Promise((resolve) => {
    process.once('SIGINT', resolve);
    process.once('SIGTERM', resolve);
  });
}

/** --watch prints changes for a person as they happen: a report file or a machine format has no place in it. */
function checkWatchable<T extends { format: string }>(commandOptions: T, options: { outputFile?: string }): T {
  if (options.outputFile !== undefined) throw new CliError('--watch prints to the terminal; it cannot be combined with --output-file.');
  if (commandOptions.format !== 'stylish') throw new CliError('--watch prints what changed for a person; use it with the stylish format.');
  return commandOptions;
}

function parseBounded(min: number, max: number): (value: string) => number {
  return (value) => {
    const count = parseCount(value);
    if (count < min || count > max) throw new InvalidArgumentError(`Expected a whole number from ${min} to ${max}.`);
    return count;
  };
}

function handleError(error: unknown, io: CliIo, verbose: boolean): number {
  if (error instanceof CommanderError) {
    return error.code === 'commander.helpDisplayed' || error.code === 'commander.version' || error.code === 'commander.help'
      ? EXIT_OK
      : EXIT_USAGE;
  }
  if (error instanceof CliError) {
    io.stderr(`ivrflow: ${error.message}\n`);
    return error.exitCode;
  }
  io.stderr(
    `ivrflow: internal error: ${error instanceof Error ? error.message : String(error)}\nThis is a bug in ivrflow; please report it with the spec that caused it.\n`,
  );
  if (verbose && error instanceof Error && error.stack) io.stderr(`${error.stack}\n`);
  else io.stderr('Run with --verbose for the stack trace.\n');
  return EXIT_INTERNAL;
}

function parseTargets(value: string): TargetName[] {
  const names = value
    .split(',')
    .map((name) => name.trim())
    .filter((name) => name !== '');
  const unknown = names.filter((name) => !isTargetName(name));
  if (names.length === 0 || unknown.length > 0) throw new InvalidArgumentError(`Targets are ${TARGET_NAMES.join(', ')}; got \`${value}\`.`);
  return [...new Set(names as TargetName[])].sort();
}

interface OutputTargets {
  targets: TargetName[];
  packagings: PackagingName[];
}

/** `generate --target`: vendors and packagings; a packaging brings the vendor it packages. */
function parseOutputTargets(value: string): OutputTargets {
  const names = value
    .split(',')
    .map((name) => name.trim())
    .filter((name) => name !== '');
  const packagings = [...new Set(names.filter(isPackagingName))].sort();
  const vendors = names.filter((name) => !isPackagingName(name));
  const unknown = vendors.filter((name) => !isTargetName(name));
  if (names.length === 0 || unknown.length > 0)
    throw new InvalidArgumentError(`Targets are ${[...TARGET_NAMES, ...PACKAGING_NAMES].join(', ')}; got \`${value}\`.`);
  return { targets: targetsFor(vendors as TargetName[], packagings).sort(), packagings };
}

/** Always in the order spec, genesys, cxone: the first engine run is the reference the others are compared with. */
function parseEngines(value: string): EngineName[] {
  const names = value
    .split(',')
    .map((name) => name.trim())
    .filter((name) => name !== '');
  const unknown = names.filter((name) => !(ENGINE_NAMES as readonly string[]).includes(name));
  if (names.length === 0 || unknown.length > 0) throw new InvalidArgumentError(`Engines are ${ENGINE_NAMES.join(', ')}; got \`${value}\`.`);
  return ENGINE_NAMES.filter((name) => names.includes(name));
}

function parseEndpoint(value: string, previous: Map<string, string>): Map<string, string> {
  const match = /^([A-Za-z][A-Za-z0-9_]{0,63})=(https?:\/\/\S+)$/.exec(value);
  if (!match || !URL.canParse(match[2]!)) throw new InvalidArgumentError(`Expected <endpoint>=<http(s) url>, got \`${value}\`.`);
  return new Map([...previous, [match[1]!, match[2]!]]);
}

function parseCount(value: string): number {
  if (!/^\d+$/.test(value)) throw new InvalidArgumentError('Expected a whole number.');
  return Number(value);
}
