// Posts a burst of prepared requests, each exactly once, over `connections` keep-alive sockets, in its own process (so
// the load generator does not share the event loop of the server it measures). Used where autocannon does not fit:
// autocannon replays its request list from the start on every connection, and a webhook burst must send each signed
// event once. Input: the path of a JSON file { url, connections, requests: [{ body, headers }], signingSecret? }; with
// a signing secret each body is signed when it is sent, as Stripe does (header `Stripe-Signature: t=…,v1=…`), so a long
// burst never outlives the signature's tolerance.
// Output: one JSON line { startedAt, endedAt (epoch ms), statuses: { "200": n, ... }, errors, latency: { p50, p99, max } }.
import { createHmac } from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';

const { url, connections, requests, signingSecret } = JSON.parse(fs.readFileSync(process.argv[2], 'utf8'));
const target = new URL(url);
const agent = new http.Agent({ keepAlive: true, maxSockets: connections });
const statuses = {};
const times = [];
let errors = 0;
let next = 0;

function sign(body) {
  const t = Math.floor(Date.now() / 1000);
  return `t=${t},v1=${createHmac('sha256', signingSecret).update(`${t}.${body}`, 'utf8').digest('hex')}`;
}

function post({ body, headers }) {
  if (signingSecret) headers = { ...headers, 'stripe-signature': sign(body) };
  return new Promise((resolve) => {
    const started = performance.now();
    const request = http.request(
      { host: target.hostname, port: target.port, path: target.pathname, method: 'POST', agent, headers: { ...headers, 'content-length': Buffer.byteLength(body) } },
      (response) => {
        response.resume();
        response.on('end', () => {
          times.push(performance.now() - started);
          statuses[response.statusCode] = (statuses[response.statusCode] ?? 0) + 1;
          resolve();
        });
      },
    );
    request.on('error', () => {
      errors++;
      resolve();
    });
    request.end(body);
  });
}

const startedAt = Date.now();
await Promise.all(
  Array.from({ length: connections }, async () => {
    while (next < requests.length) await post(requests[next++]);
  }),
);
const endedAt = Date.now();
agent.destroy();
times.sort((a, b) => a - b);
const at = (p) => (times.length ? Math.round(times[Math.min(times.length - 1, Math.ceil((p / 100) * times.length) - 1)] * 100) / 100 : 0);
process.stdout.write(JSON.stringify({ startedAt, endedAt, statuses, errors, latency: { p50: at(50), p99: at(99), max: at(100) } }));
