// One autocannon run, reduced to what the table shows.
import autocannon from 'autocannon';

export interface LoadResult {
  reqPerSec: number;
  p50: number;
  p99: number;
  requests: number;
  /** Connection errors other than timeouts. */
  errors: number;
  /** Requests unanswered after autocannon's 10 s: a sign of an overloaded machine, reported but not an error. */
  timeouts: number;
  non2xx: number;
  status5xx: number;
}

export async function runLoad(input: {
  url: string;
  paths: string[];
  connections: number;
  durationSec: number;
  headers?: Record<string, string>;
}): Promise<LoadResult> {
  const result = await autocannon({
    url: input.url,
    connections: input.connections,
    duration: input.durationSec,
    headers: input.headers,
    // Several paths: each connection requests them in turn (the widget asks for the summary and the first page).
    requests: input.paths.map((path) => ({ method: 'GET', path })),
  });
  return {
    reqPerSec: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    requests: result.requests.total,
    errors: result.errors - result.timeouts,
    timeouts: result.timeouts,
    non2xx: result.non2xx,
    status5xx: result['5xx'],
  };
}
