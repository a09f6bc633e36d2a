// Runs autocannon programmatically in its own process (spawned by load.ts measureLoadDetailed), so a run can
// rotate over many requests (`requests`) and report exact percentiles (p95) from every response time.
// Input: one JSON argument (autocannon options). Output: one JSON line on stdout.
import autocannon from 'autocannon';

const options = JSON.parse(process.argv[2]);
const times = [];
const instance = autocannon(options);
instance.on('response', (_client, _status, _bytes, responseTime) => times.push(responseTime));
const result = await new Promise((resolve, reject) => instance.once('done', resolve).once('error', reject));
times.sort((a, b) => a - b);
const at = (p) => (times.length ? times[Math.min(times.length - 1, Math.ceil((p / 100) * times.length) - 1)] : 0);
process.stdout.write(
  JSON.stringify({
    requestsPerSecond: Math.round(result.requests.average),
    latency: result.latency,
    exact: { count: times.length, p50: at(50), p90: at(90), p95: at(95), p99: at(99), max: at(100) },
    errors: result.errors,
    non2xx: result.non2xx,
  }),
);
