import type { EntityManager } from 'typeorm';
import { parseOrRefuse } from '../../shared/errors';
import { DEFAULT_SETTINGS, SETTING_KEYS, SettingInputSchema, type AppSettings, type SettingInput } from '../../shared/settings';
import { AppSettingEntity } from '../db/entities';
import type { Database } from '../db/Database';
import type { AuditLog } from './AuditLog';
import type { ServiceContext } from './ServiceContext';

const ENTITY = 'setting';

/** The app's settings (设置): defaults until set; every change is audited. */
export class SettingService {
  constructor(
    private readonly db: Database,
    private readonly audit: AuditLog,
  ) {}

  /** Every setting, with the default where none was set (or a stored value no longer reads). */
  async get(m: EntityManager = this.db.manager): Promise<AppSettings> {
    const rows = await m.find(AppSettingEntity);
    const settings: AppSettings = { ...DEFAULT_SETTINGS };
    for (const row of rows) {
      if (!(SETTING_KEYS as string[]).includes(row.key)) continue;
      try {
        const parsed = SettingInputSchema.safeParse({ key: row.key, value: JSON.parse(row.value) });
        if (parsed.success) (settings as unknown as Record<string, unknown>)[parsed.data.key] = parsed.data.value;
      } catch {
        // A damaged value reads as the default.
      }
    }
    return settings;
  }

  /** Puts these values back where they differ (after a restore brought older ones), each change audited. */
  async keep(ctx: ServiceContext, values: Partial<AppSettings>): Promise<void> {
    await this.db.write(async (m) => {
      const before = await this.get(m);
      const now = new Date().toISOString();
      for (const [key, value] of Object.entries(values)) {
        if ((before as unknown as Record<string, unknown>)[key] === value) continue;
        await m.save(AppSettingEntity, { key, value: JSON.stringify(value), updatedAt: now });
        await this.audit.record(m, ctx, { entityType: ENTITY, entityId: key, action: '恢复后保留本机设置', changes: { [key]: [(before as unknown as Record<string, unknown>)[key], value] } });
      }
    });
  }

  async set(ctx: ServiceContext, input: SettingInput): Promise<AppSettings> {
    const v = parseOrRefuse(SettingInputSchema, input);
    return this.db.write(async (m) => {
      const before = (await this.get(m))[v.key];
      await m.save(AppSettingEntity, { key: v.key, value: JSON.stringify(v.value), updatedAt: new Date().toISOString() });
      if (before !== v.value) await this.audit.record(m, ctx, { entityType: ENTITY, entityId: v.key, action: '修改', changes: { [v.key]: [before, v.value] } });
      return this.get(m);
    });
  }
}
