import { Command } from 'commander';
import { serveCommand } from './serve.command';
import { migrateCommand } from './migrate.command';
import { statsCommand } from './stats.command';
import { demoCommand } from './demo.command';
import { userCommand } from './user.command';
import { tokenCommand } from './token.command';
import { mediaCommand } from './media.command';
import { importCommand } from './import.command';
import { harvestCommand } from './harvest.command';
import { exportCommand } from './export.command';
import { loadCommand } from './load.command';

/** The `heritage` command: one subcommand per file, each with --help. */
export async function main(argv: string[]): Promise<void> {
  const program = new Command('heritage')
    .description('Heritage Commons: the shared digital library and workspace of a cultural-heritage alliance')
    .showHelpAfterError()
    .configureHelp({ sortSubcommands: false });
  serveCommand(program);
  migrateCommand(program);
  statsCommand(program);
  demoCommand(program);
  userCommand(program);
  tokenCommand(program);
  mediaCommand(program);
  harvestCommand(program);
  importCommand(program);
  exportCommand(program);
  loadCommand(program);
  try {
    await program.parseAsync(argv);
  } catch (e) {
    process.stderr.write(`heritage: ${(e as Error).message}\n`);
    process.exitCode = 1;
  }
}
