import { Command, CommanderError, InvalidArgumentError, Option } from 'commander';
import { TARGET_NAMES, isTargetName, type TargetName } from '../targets/artifact.js';
import { ENGINE_NAMES, type EngineName } from '../targets/engine-contract.js';
import { CliError, EXIT_OK, EXIT_USAGE, processIo, type CliIo } from './io.js';
import { REPORT_FORMATS, parseFormat } from './report.js';
import { PACKAGE_VERSION } from '../util/package-info.js';

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
  const version = PACKAGE_VERSION;
  const program = new Command('ivrflow')
    .description(
      'Compile a vendor-neutral IVR flow spec into Genesys Cloud Archy YAML and a NICE CXone Studio script, with compliance checks.',
    )
    .version(version, '-v, --version')
    .option('--verbose', 'print stack traces of internal errors')
    .exitOverride()
    .configureOutput({ writeOut: io.stdout, writeErr: io.stderr })
    .showHelpAfterError('(run with --help for usage)');

  program
    .command('validate')
    .description('Check specs: YAML, schema, references, graph and security checks. Exit 0 clean, 1 errors, 2 usage or I/O.')
    .argument('<spec...>', 'spec files (flows/*.yaml)')
    .addOption(new Option('-f, --format <format>', 'report format').choices(REPORT_FORMATS).default('stylish'))
    .option('--env <file>', 'environment file: every {{placeholder}} must have a value')
    .option('--max-warnings <n>', 'exit 1 when there are more warnings than this', parseCount)
    .option('--config <file>', 'rule configuration (default: ivrflow.config.yaml in the working directory)')
    .action(async (files: string[], options: { format: string; env?: string; maxWarnings?: number; config?: string }) => {
      const { validateCommand } = await import('./commands/validate.js');
      finish(
        await validateCommand(
          files,
          { format: parseFormat(options.format), toolVersion: version, ...optionalProps(options, ['env', 'maxWarnings', 'config']) },
          io,
        ),
      );
    });

  program
    .command('generate')
    .description('Compile specs into vendor artifacts under <out>/<flow-slug>/, with a manifest.json.')
    .argument('<spec...>', 'spec files (flows/*.yaml)')
    .requiredOption('-o, --out <dir>', 'output folder; each flow gets <dir>/<flow-slug>/')
    .option('-t, --target <targets>', `comma-separated targets: ${TARGET_NAMES.join(', ')}`, parseTargets, [...TARGET_NAMES])
    .option('--env <file>', 'environment file that fills {{placeholders}} at compile time')
    .option('--check', 'write nothing; exit 1 when the files on disk differ from what would be generated', false)
    .option(
      '--cxone-catalog <file>',
      'JSON file of CXone action definitions from your tenant (GET /actions/{libraryId}); enables CAPTURE and the REST API action',
    )
    .option('--config <file>', 'rule configuration (default: ivrflow.config.yaml in the working directory)')
    .addOption(new Option('-f, --format <format>', 'report format').choices(REPORT_FORMATS).default('stylish'))
    .action(
      async (
        files: string[],
        options: {
          out: string;
          target: TargetName[];
          env?: string;
          check: boolean;
          format: string;
          cxoneCatalog?: string;
          config?: string;
        },
      ) => {
        const { generateCommand } = await import('./commands/generate.js');
        finish(
          await generateCommand(
            files,
            {
              out: options.out,
              targets: options.target,
              check: options.check,
              format: parseFormat(options.format),
              toolVersion: version,
              ...optionalProps(options, ['env', 'cxoneCatalog', 'config']),
            },
            io,
          ),
        );
      },
    );

  program
    .command('test')
    .description(
      "Simulate calls: run each flow's scenarios (<flow>.test.yaml beside the spec) on the spec and on the generated Genesys and CXone artifacts; every engine must meet the expectations and agree. Exit 0 all passed, 1 a failure, 2 usage or I/O.",
    )
    .argument('<spec...>', 'spec files (flows/*.yaml) or their scenario files (flows/*.test.yaml)')
    .addOption(new Option('-f, --format <format>', 'report format').choices(['stylish', 'json', 'junit']).default('stylish'))
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
    .option('--env <file>', 'environment file that fills {{placeholders}} at compile time')
    .option('--cxone-catalog <file>', 'JSON file of CXone action definitions from your tenant')
    .option('--config <file>', 'rule configuration (default: ivrflow.config.yaml in the working directory)')
    .action(
      async (
        files: string[],
        options: {
          format: 'stylish' | 'json' | 'junit';
          engines: EngineName[];
          endpoint: Map<string, string>;
          scenario?: string;
          trace: boolean;
          env?: string;
          cxoneCatalog?: string;
          config?: string;
        },
      ) => {
        const { testCommand } = await import('./commands/test.js');
        finish(
          await testCommand(
            files,
            {
              format: options.format,
              engines: options.engines,
              endpoints: options.endpoint,
              trace: options.trace,
              ...optionalProps(options, ['env', 'cxoneCatalog', 'config', 'scenario']),
            },
            io,
          ),
        );
      },
    );

  program
    .command('rules')
    .description('List the policy rules with their default severity and what they check.')
    .addOption(new Option('-f, --format <format>', 'output format').choices(['stylish', 'json']).default('stylish'))
    .action(async (options: { format: 'stylish' | 'json' }) => {
      const { rulesCommand } = await import('./commands/rules.js');
      finish(rulesCommand(options.format, io));
    });

  for (const command of program.commands) command.exitOverride().configureOutput({ writeOut: io.stdout, writeErr: io.stderr });
  return program;
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
  return EXIT_USAGE;
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

function optionalProps<T extends object, K extends keyof T>(source: T, keys: readonly K[]): Partial<Pick<T, K>> {
  const picked: Partial<Pick<T, K>> = {};
  for (const key of keys) if (source[key] !== undefined) picked[key] = source[key];
  return picked;
}
