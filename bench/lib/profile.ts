import fs from 'node:fs';

/**
 * BENCH_PROFILE=file.cpuprofile: a CPU profile of the bench process (where the API runs) over one
 * measurement, in Chrome's format (open it in DevTools, or `node bench/lib/summarize-profile.mjs file`).
 * Returns null when no profile is asked for.
 */
export async function startProfileIfAsked(): Promise<{ stop(): Promise<void> } | null> {
  const file = process.env.BENCH_PROFILE;
  if (!file) return null;
  const { Session } = await import('node:inspector/promises');
  const session = new Session();
  session.connect();
  await session.post('Profiler.enable');
  await session.post('Profiler.setSamplingInterval', { interval: 500 });
  await session.post('Profiler.start');
  return {
    async stop() {
      const { profile } = await session.post('Profiler.stop');
      session.disconnect();
      fs.writeFileSync(file, JSON.stringify(profile));
      console.log(`  CPU profile written to ${file}`);
    },
  };
}
