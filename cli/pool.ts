/** Scores chunks on worker threads (or in this thread), results handed back in submission order. */
import { Worker } from 'node:worker_threads';
import { type ChunkJob, type ChunkResult, type ScorerSetup, chunkScorer } from './chunk.ts';

export interface ChunkPool {
  submit(job: ChunkJob): Promise<ChunkResult>;
  close(): Promise<void>;
}

/**
 * A small young generation makes each worker collect its per-chunk garbage early: with
 * V8's defaults every thread's heap grows to hundreds of MB before it looks back.
 */
const WORKER_LIMITS = { maxYoungGenerationSizeMb: 4 };

type Reply = { ok: true; result: ChunkResult } | { ok: false; message: string };

/**
 * The worker's module beside this one: worker.mjs when bundled; worker.ts when run from
 * source (tests, tsx), loaded through tsx registered inside the new thread.
 */
function startWorker(setup: ScorerSetup): Worker {
  const options = { workerData: setup, resourceLimits: WORKER_LIMITS };
  if (!import.meta.url.endsWith('.ts')) return new Worker(new URL('./worker.mjs', import.meta.url), options);
  const source = new URL('./worker.ts', import.meta.url).href;
  const boot = `import('tsx/esm/api').then((tsx) => { tsx.register(); return import(${JSON.stringify(source)}); });`;
  return new Worker(boot, { ...options, eval: true });
}

export function createPool(setup: ScorerSetup, threads: number): ChunkPool {
  if (threads <= 0) {
    const score = chunkScorer(setup);
    return { submit: async (job) => score(job), close: async () => {} };
  }
  const workers = Array.from({ length: threads }, () => {
    const worker = startWorker(setup);
    const waiting: { resolve: (r: ChunkResult) => void; reject: (e: Error) => void }[] = [];
    worker.on('message', (reply: Reply) => {
      const next = waiting.shift();
      if (!next) return;
      if (reply.ok) next.resolve(reply.result);
      else next.reject(new Error(reply.message));
    });
    worker.on('error', (error: Error) => {
      for (const w of waiting.splice(0)) w.reject(error);
    });
    worker.on('exit', (code) => {
      for (const w of waiting.splice(0)) w.reject(new Error(`a scoring thread stopped early (exit code ${code})`));
    });
    return { worker, waiting };
  });
  let turn = 0;
  return {
    submit(job) {
      // The least busy worker; chunks are about the same size.
      const target = workers.reduce((best, w) => (w.waiting.length < best.waiting.length ? w : best), workers[turn++ % workers.length]!);
      return new Promise<ChunkResult>((resolve, reject) => {
        target.waiting.push({ resolve, reject });
        target.worker.postMessage(job, [job.bytes.buffer as ArrayBuffer]);
      });
    },
    async close() {
      await Promise.all(workers.map((w) => w.worker.terminate()));
    },
  };
}
