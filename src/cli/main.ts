import { Command } from 'commander';

type Register = (program: Command) => void;

// Each subcommand's module, loaded only when it runs (or for the list of all of them): an
// import then holds the import's code, not the server's — the command's memory is the budget.
const COMMANDS: [name: string, load: () => Promise<Register>][] = [
  ['serve', () => import('./serve.command').then((m) => m.serveCommand)],
  ['migrate', () => import('./migrate.command').then((m) => m.migrateCommand)],
  ['stats', () => import('./stats.command').then((m) => m.statsCommand)],
  ['demo', () => import('./demo.command').then((m) => m.demoCommand)],
  ['user', () => import('./user.command').then((m) => m.userCommand)],
  ['token', () => import('./token.command').then((m) => m.tokenCommand)],
  ['media', () => import('./media.command').then((m) => m.mediaCommand)],
  ['harvest', () => import('./harvest.command').then((m) => m.harvestCommand)],
  ['import', () => import('./import.command').then((m) => m.importCommand)],
  ['export', () => import('./export.command').then((m) => m.exportCommand)],
  ['load', () => import('./load.command').then((m) => m.loadCommand)],
];

/** The `heritage` command: one subcommand per file, each with --help. */
export async function main(argv: string[]): Promise<void> {
  const program = new Command('heritage')
    .description('Heritage Commons: the shared digital library and workspace of a cultural-heritage alliance')
    .showHelpAfterError()
    .configureHelp({ sortSubcommands: false });
  try {
    // The subcommand named (argv[2]) alone when it is one; every one for help and mistakes.
    const named = COMMANDS.filter(([name]) => name === argv[2]);
    for (const [, load] of named.length ? named : COMMANDS) (await load())(program);
    await program.parseAsync(argv);
  } catch (e) {
    process.stderr.write(`heritage: ${(e as Error).message}\n`);
    process.exitCode = 1;
  }
}
