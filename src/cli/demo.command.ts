import type { Command } from 'commander';
import { loadDemo } from '../modules/demo/demo.service';
import { configFrom, withDataOptions, withDatabase } from './common';
import { progressReporter } from './progress';

/** `heritage demo [--reset]`: loads the demo alliance (once), or reloads it. */
export function demoCommand(program: Command): void {
  withDataOptions(program.command('demo'))
    .description('load the demo alliance built from published open data (once; --reset reloads it)')
    .option('--reset', 'remove the demo records and load them again')
    .action(async (opts) => {
      const config = configFrom({ data: opts.data, databaseUrl: opts.databaseUrl });
      await withDatabase(config, async ({ db, dialect }) => {
        const progress = progressReporter('Loading demo');
        const r = await loadDemo({ db, dialect }, { reset: !!opts.reset, onProgress: progress.update });
        progress.stop();
        process.stdout.write(
          r.loaded ? `Demo loaded: ${r.institutions} institutions, ${r.records} records.\n` : 'The demo is loaded already (use --reset to reload it).\n',
        );
      });
    });
}
