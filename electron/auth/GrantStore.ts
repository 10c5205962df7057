import { z } from 'zod';
import { DEFAULT_GRANTS, PERMISSION_LABELS, RoleGrantsSchema, normalGrants, sameGrants, type Permission, type RoleGrants } from '../../shared/permissions';
import { parseOrRefuse } from '../../shared/errors';
import { ROLES, ROLE_LABELS } from '../../shared/roles';
import { AppSettingEntity } from '../db/entities';
import type { Database } from '../db/Database';
import type { AuditLog } from '../services/AuditLog';
import type { ServiceContext } from '../services/ServiceContext';

/** The app_setting row holding the override (SettingService skips keys it does not know). */
export const GRANTS_KEY = 'roleGrants';

/** The same shape role:setGrants takes, so that a refusal reads “权限：…” whichever way the call came. */
const SetGrantsInput = z.object({ grants: RoleGrantsSchema });

const labels = (ps: readonly Permission[]) => ps.map((p) => PERMISSION_LABELS[p]).join('、');

/** The audit entry of a change: per role whose grants changed, the permissions before and after, and a summary. */
function describeChange(before: RoleGrants, after: RoleGrants): { changes: Record<string, [unknown, unknown]>; note: string } {
  const changes: Record<string, [unknown, unknown]> = {};
  const notes: string[] = [];
  for (const r of ROLES) {
    const added = after[r].filter((p) => !before[r].includes(p));
    const removed = before[r].filter((p) => !after[r].includes(p));
    if (!added.length && !removed.length) continue;
    changes[ROLE_LABELS[r]] = [labels(before[r]), labels(after[r])];
    notes.push(`${ROLE_LABELS[r]}${added.length ? `增加“${labels(added)}”` : ''}${added.length && removed.length ? '，' : ''}${removed.length ? `取消“${labels(removed)}”` : ''}`);
  }
  return { changes, note: notes.join('；') };
}

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
        if (parsed.success) return { grants: normalGrants(parsed.data), overridden: true };
      } catch {
        // A damaged override reads as the defaults (which are the safer ones).
      }
    }
    return { grants: normalGrants(DEFAULT_GRANTS), overridden: false };
  }

  /**
   * Stores an override, or drops it with `null` (恢复默认); grants equal to the defaults drop it as well. Refused with
   * a Chinese message when a fixed grant (FIXED_GRANTS) would be taken away. Audited with each role's permissions
   * before and after; nothing is written when nothing changes.
   */
  async set(ctx: ServiceContext, grants: RoleGrants | null): Promise<{ grants: RoleGrants; overridden: boolean }> {
    const wanted = grants === null ? null : normalGrants(parseOrRefuse(SetGrantsInput, { grants }).grants);
    const next = wanted && !sameGrants(wanted, DEFAULT_GRANTS) ? wanted : null;
    const after = next ?? normalGrants(DEFAULT_GRANTS);
    const before = await this.get();
    if (before.overridden === (next !== null) && sameGrants(before.grants, after)) return before;
    await this.db.write(async (m) => {
      if (next === null) await m.delete(AppSettingEntity, { key: GRANTS_KEY });
      else await m.save(AppSettingEntity, { key: GRANTS_KEY, value: JSON.stringify(next), updatedAt: new Date().toISOString() });
      const { changes, note } = describeChange(before.grants, after);
      await this.audit.record(m, ctx, { entityType: 'setting', entityId: GRANTS_KEY, action: next === null ? '恢复默认权限' : '修改角色权限', changes, note });
    });
    return this.get();
  }
}
