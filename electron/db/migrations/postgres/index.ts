import type { MigrationInterface } from 'typeorm';
import { PgInit0001 } from './0001_Init';
import { PgRules0002 } from './0002_Rules';

/**
 * The PostgreSQL migrations (the department server), in order. The entities are the schema for both engines;
 * SQLite keeps its own history (../0001–0009, with its table rebuilds), PostgreSQL starts from the entities as they
 * are now: 0001 is generated from them (`npm run migration:generate -- Name --pg URL` against an empty database),
 * 0002 adds by hand what TypeORM does not describe (SQLite's triggers and the rows its migrations insert). A later
 * change to an entity gets a migration in each set.
 */
export const PG_MIGRATIONS: (new () => MigrationInterface)[] = [PgInit0001, PgRules0002];
