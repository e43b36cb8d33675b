import { parentPort, workerData } from 'node:worker_threads';
import autocannon from 'autocannon';

/**
 * Runs autocannon on its own thread (and so its own core) while the server under test keeps
 * the main thread: in-process load generation would otherwise halve what the server can answer.
 */
export interface LoadJob {
  url: string;
  connections: number;
  seconds: number;
  /** Paths to request round-robin; one path is requested again and again. */
  paths: string[];
}

export interface LoadSummary {
  requestsPerSecond: number;
  requests: number;
  latencyP50: number;
  latencyP99: number;
  non2xx: number;
  errors: number;
  timeouts: number;
  /** CPU time the server's main thread spent per request (filled in by the main thread). */
  mainCpuMicrosPerRequest?: number;
}

// Off the main thread autocannon answers encoded histograms; its aggregateResult decodes them.
interface EncodedResult {
  totalCompletedRequests: number;
  duration: number;
  non2xx: number;
  errors: number;
  timeouts: number;
}
const { aggregateResult } = autocannon as unknown as { aggregateResult(results: EncodedResult[], opts: object): autocannon.Result };

const job = workerData as LoadJob;
let next = 0;
const options: autocannon.Options = {
  url: job.url,
  connections: job.connections,
  duration: job.seconds,
  requests: [
    {
      setupRequest: (req) => {
        const path = job.paths[next++ % job.paths.length];
        return { ...req, path };
      },
    },
  ],
};
const raw = (await autocannon(options)) as unknown as EncodedResult;
const latency = aggregateResult([raw], options).latency;
const summary: LoadSummary = {
  requestsPerSecond: raw.totalCompletedRequests / raw.duration,
  requests: raw.totalCompletedRequests,
  latencyP50: latency.p50,
  latencyP99: latency.p99,
  non2xx: raw.non2xx,
  errors: raw.errors,
  timeouts: raw.timeouts,
};
parentPort!.postMessage(summary);
