/** A worker thread of `icp score`: scores the chunks the main thread sends, one at a time. */
import { parentPort, workerData } from 'node:worker_threads';
import { type ChunkJob, type ScorerSetup, chunkScorer } from './chunk.ts';

const score = chunkScorer(workerData as ScorerSetup);
parentPort!.on('message', (job: ChunkJob) => {
  try {
    const result = score(job);
    parentPort!.postMessage({ ok: true, result }, [result.output.buffer as ArrayBuffer]);
  } catch (error) {
    parentPort!.postMessage({ ok: false, message: error instanceof Error ? error.message : String(error) });
  }
});
