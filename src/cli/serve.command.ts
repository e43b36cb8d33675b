import type { Command } from 'commander';
import { startServer } from '../server';
import { configFrom, withDataOptions } from './common';

/** `heritage serve [--port P] [--data DIR]`: runs the portal and API until SIGTERM. */
export function serveCommand(program: Command): void {
  withDataOptions(program.command('serve'))
    .description('serve the portal, the API and the protocols (migrates the database; loads the demo into an empty one)')
    .option('--port <port>', 'port to listen on (env PORT, default 3000)')
    .option('--host <host>', 'address to listen on (env HOST, default 0.0.0.0)')
    .option('--public-url <url>', 'base of every absolute URL written (env HERITAGE_PUBLIC_URL)')
    .action(async (opts) => {
      const config = configFrom({ port: opts.port, host: opts.host, data: opts.data, databaseUrl: opts.databaseUrl, publicUrl: opts.publicUrl });
      await startServer(config, { installSignalHandlers: true });
    });
}
