import { DEFAULT_GRANTS, RoleGrantsSchema, type RoleGrants } from '../../shared/permissions';
import { parseOrRefuse } from '../../shared/errors';
import { ROLES } from '../../shared/roles';
import { AppSettingEntity } from '../db/entities';
import type { Database } from '../db/Database';
import type { AuditLog } from '../services/AuditLog';
import type { ServiceContext } from '../services/ServiceContext';

/** The app_setting row holding the override (SettingService skips keys it does not know). */
export const GRANTS_KEY = 'roleGrants';

const copyOf = (g: Readonly<Record<string, readonly string[]>>) => Object.fromEntries(ROLES.map((r) => [r, [...(g[r] ?? [])]])) as RoleGrants;

/** Which role holds which permission: the defaults in code, or the administrator's override (one JSON row). */
export class GrantStore {
  constructor(
    private readonly db: Database,
    private readonly audit: AuditLog,
  ) {}

  async get(): Promise<{ grants: RoleGrants; overridden: boolean }> {
    const row = await this.db.manager.findOneBy(AppSettingEntity, { key: GRANTS_KEY });
    if (row) {
      try {
        const parsed = RoleGrantsSchema.safeParse(JSON.parse(row.value));
        if (parsed.success) return { grants: parsed.data, overridden: true };
      } catch {
        // A damaged override reads as the defaults (which are the safer ones).
      }
    }
    return { grants: copyOf(DEFAULT_GRANTS), overridden: false };
  }

  /** Stores an override (validated), or drops it with `null`; audited with before and after. */
  async set(ctx: ServiceContext, grants: RoleGrants | null): Promise<{ grants: RoleGrants; overridden: boolean }> {
    const next = grants === null ? null : parseOrRefuse(RoleGrantsSchema, grants);
    const before = await this.get();
    await this.db.write(async (m) => {
      if (next === null) await m.delete(AppSettingEntity, { key: GRANTS_KEY });
      else await m.save(AppSettingEntity, { key: GRANTS_KEY, value: JSON.stringify(next), updatedAt: new Date().toISOString() });
      await this.audit.record(m, ctx, { entityType: 'setting', entityId: GRANTS_KEY, action: next === null ? '恢复默认权限' : '修改权限', changes: { 权限: [before.grants, next ?? DEFAULT_GRANTS] } });
    });
    return this.get();
  }
}
