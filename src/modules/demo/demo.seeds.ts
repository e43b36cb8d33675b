import type { Store } from '../records/record.store';
import type { DemoDataset } from './demo.dataset';
import { peopleDemoSeed } from '../people/people.seed';
import { exhibitionDemoSeed } from '../exhibitions/exhibition.seed';
import { governanceDemoSeed } from '../governance/governance.seed';
import { projectsDemoSeed } from '../projects/project.seed';
import { riskDemoSeed } from '../risk/risk.seed';

/**
 * A module's share of the demo alliance (meetings, projects, incidents, exhibitions…), run inside
 * the demo's transaction after its institutions and records exist. A seed must be idempotent:
 * `heritage demo --reset` runs it again over what it wrote before (upsert or skip by id).
 */
export interface DemoSeed {
  /** A short name for errors ("governance", "projects"). */
  name: string;
  run(store: Store, dataset: DemoDataset): Promise<void>;
}

/** Every module's demo seed, in the order they run (a later seed may use an earlier one's rows). */
export const DEMO_SEEDS: DemoSeed[] = [peopleDemoSeed, exhibitionDemoSeed, governanceDemoSeed, projectsDemoSeed, riskDemoSeed];
