import { Migrator, type Migration, type MigrationProvider } from 'kysely';
import type { DatabaseHandle } from './database';
import * as core from './migrations/2026-11-21-0001-core';
import * as audit from './migrations/2026-11-21-0002-audit';
import * as sessions from './migrations/2026-11-21-0003-sessions';
import * as jobs from './migrations/2026-11-21-0004-jobs';
import * as media from './migrations/2026-11-21-0005-media';
import * as imports from './migrations/2026-11-21-0006-imports';
import * as harvest from './migrations/2026-11-21-0007-harvest';
import * as publicTrace from './migrations/2026-11-21-0008-public-trace';
import * as harvestProtocol from './migrations/2026-11-21-0010-harvest-protocol';
import * as importMappings from './migrations/2026-11-21-0009-import-mappings';
import * as risk from './migrations/2026-11-21-0013-risk';
import * as governance from './migrations/2026-11-21-0011-governance';
import * as projects from './migrations/2026-11-21-0012-projects';
import * as exhibitions from './migrations/2026-11-21-0014-exhibitions';
import * as people from './migrations/2026-11-21-0015-people';
import * as projectDocuments from './migrations/2026-11-21-0016-project-documents';

// Listed explicitly, in order: no directory scanning (the same set for both dialects).
const MIGRATIONS = { '2026-11-21-0001-core': core, '2026-11-21-0002-audit': audit, '2026-11-21-0003-sessions': sessions, '2026-11-21-0004-jobs': jobs, '2026-11-21-0005-media': media, '2026-11-21-0006-imports': imports, '2026-11-21-0007-harvest': harvest, '2026-11-21-0008-public-trace': publicTrace, '2026-11-21-0009-import-mappings': importMappings, '2026-11-21-0010-harvest-protocol': harvestProtocol, '2026-11-21-0011-governance': governance, '2026-11-21-0012-projects': projects, '2026-11-21-0013-risk': risk, '2026-11-21-0014-exhibitions': exhibitions, '2026-11-21-0015-people': people, '2026-11-21-0016-project-documents': projectDocuments } as const;

/** Brings the schema up to date; returns the names of the migrations it ran. */
export async function migrateToLatest(handle: DatabaseHandle): Promise<string[]> {
  const provider: MigrationProvider = {
    async getMigrations() {
      const out: Record<string, Migration> = {};
      for (const [name, m] of Object.entries(MIGRATIONS)) {
        out[name] = { up: (db) => m.up(db, handle.dialect) };
      }
      return out;
    },
  };
  const migrator = new Migrator({ db: handle.db, provider, migrationTableName: 'schema_migration', migrationLockTableName: 'schema_migration_lock' });
  const { error, results } = await migrator.migrateToLatest();
  if (error) {
    const failed = results?.find((r) => r.status === 'Error');
    throw new Error(`Migration ${failed?.migrationName ?? ''} failed: ${(error as Error).message ?? error}`);
  }
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}
