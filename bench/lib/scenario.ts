import type { App, Runtime } from '../../server/src/platform/module.ts';
import type { LoadResult } from './load.ts';
import type { BenchRow } from './report.ts';

export interface Baselines {
  hello: { name: string; result: LoadResult };
  select1: { name: string; result: LoadResult };
}

export interface ScenarioContext {
  runtime: Runtime;
  app: App;
  baselines: Baselines;
}

/** A benchmark of one capability; issues add theirs to bench/run.ts with the figures to reach. */
export interface Scenario {
  name: string;
  run(context: ScenarioContext): Promise<BenchRow[]>;
}
