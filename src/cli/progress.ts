import cliProgress from 'cli-progress';

/** A progress reporter: a bar on a terminal, a line every few seconds otherwise. */
export function progressReporter(label: string): { update(done: number, total: number): void; stop(): void } {
  if (process.stderr.isTTY) {
    const bar = new cliProgress.SingleBar(
      { format: `${label} [{bar}] {percentage}% | {value}/{total} | {eta_formatted} left`, stream: process.stderr, hideCursor: true },
      cliProgress.Presets.shades_classic,
    );
    let started = false;
    return {
      update(done, total) {
        if (!started) {
          bar.start(total, done);
          started = true;
        } else {
          bar.setTotal(total);
          bar.update(done);
        }
      },
      stop: () => started && bar.stop(),
    };
  }
  let last = 0;
  return {
    update(done, total) {
      const now = Date.now();
      if (now - last > 5000 || done === total) {
        last = now;
        process.stderr.write(`${label}: ${done}/${total}\n`);
      }
    },
    stop() {},
  };
}
