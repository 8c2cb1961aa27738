/**
 * The campaign progress bar (cli-progress 3): replicas done, replicas/s and ETA, drawn only when
 * the given stream is a terminal; otherwise every call is a no-op.
 */
import cliProgress from 'cli-progress';

export interface Progress {
  update(done: number): void;
  stop(): void;
}

const SILENT: Progress = { update() {}, stop() {} };

/**
 * A bar on `stream` (the CLI passes stderr, and only when stdout is a terminal too) for `total`
 * replicas of which `initial` were already done (resume). The rate counts this session's replicas.
 */
export function createProgress(stream: NodeJS.WriteStream, total: number, initial: number, enabled: boolean): Progress {
  if (!enabled || !stream.isTTY) return SILENT;
  const bar = new cliProgress.SingleBar(
    {
      stream,
      format: 'campaign |{bar}| {value}/{total} replicas | {rate} replicas/s | ETA {eta_formatted}',
      hideCursor: true,
      etaBuffer: 50,
      fps: 5,
    },
    cliProgress.Presets.shades_classic,
  );
  const t0 = performance.now();
  bar.start(total, initial, { rate: '—' });
  return {
    update(done: number) {
      const s = (performance.now() - t0) / 1000;
      bar.update(done, { rate: s > 0 ? Math.round((done - initial) / s).toString() : '—' });
    },
    stop() {
      bar.stop();
    },
  };
}
