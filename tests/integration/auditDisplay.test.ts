import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createHandlers } from '../../electron/api/handlers';
import { AuditListQuerySchema } from '../../shared/channels/audit';
import { formatDateTime } from '../../shared/dateText';
import { saveDemoCadres } from '../helpers/refusal';
import { tempServices, testCtx } from '../helpers/tempServices';

type Env = Awaited<ReturnType<typeof tempServices>>;
let env: Env;
beforeEach(async () => {
  env = await tempServices();
});
afterEach(async () => {
  await env.cleanup();
});

/** Issue 16 item 9: a record's 修改记录 reads as the 操作日志 does — names, Chinese labels, dates, 移入回收站. */
describe('history views show what a clerk reads, from the viewer’s formatter', () => {
  it('a batch’s history names its 组长 and 成员 instead of ids and internal keys', async () => {
    const [a] = await saveDemoCadres(env.s, 1);
    const cadre = await env.s.cadres.get(a);
    const input = { name: '安康市第9批赴常州挂职干部', type: '东西部协作/对口支援', direction: '派出', startDate: '2025.12.01', endDate: '2026.11.30' } as const;
    const batch = await env.s.batches.save(testCtx, input);
    await env.s.batches.addMembers(testCtx, { batchId: batch.id, cadreIds: [a] });
    await env.s.batches.save(testCtx, { ...input, leaderId: a }, batch.id);

    const history = await env.s.batches.history(batch.id);
    const leader = history.find((h) => h.changes.leaderId)!;
    // Stored as the id, shown as the name.
    expect(leader.changes.leaderId).toEqual([null, a]);
    expect(leader.lines).toEqual([{ field: 'leaderId', label: '组长', before: '', after: cadre.name }]);
    const members = history.find((h) => h.changes.members)!;
    expect(members.lines).toEqual([{ field: 'members', label: '成员', before: '', after: cadre.name }]);
    for (const h of history) for (const l of h.lines) expect(l.label).toMatch(/[\u4e00-\u9fa5]/);
    // A batch has a 批次名称, not a 姓名.
    expect(history.at(-1)!.lines.find((l) => l.field === 'name')).toMatchObject({ label: '批次名称', after: input.name });
  });

  it('a cadre sent to the recycle bin and back reads 移入回收站 / 从回收站恢复, never the timestamp', async () => {
    const [a] = await saveDemoCadres(env.s, 1);
    await env.s.cadres.remove(testCtx, a);
    await env.s.cadres.restore(testCtx, a);
    const history = await env.s.cadres.history(a);
    const [restored, removed] = history;
    expect(removed.action).toBe('移入回收站');
    expect(removed.lines).toEqual([{ field: 'deletedAt', label: '回收站', before: '', after: '移入回收站' }]);
    expect(restored.lines).toEqual([{ field: 'deletedAt', label: '回收站', before: '', after: '从回收站恢复' }]);
    const shown = history.flatMap((h) => h.lines.map((l) => `${l.label}：${l.before} → ${l.after}`)).join('\n');
    expect(shown).not.toMatch(/\d{4}-\d{2}-\d{2}T/);
    expect(shown).not.toMatch(/deletedAt|namePinyin|sortKey|起始年月：/);
    // 简历 reads as printed, family members one each.
    expect(shown).toContain('简历： → 2003.09--2007.07 西北大学');
    expect(shown).toContain('家庭主要成员及重要社会关系： → 妻子 何静（1986.03，中共党员，安康市第一中学教师）；儿子');
  });

  it('the history and the 操作日志 viewer give the same lines for the same entry', async () => {
    const [a] = await saveDemoCadres(env.s, 1);
    const cadre = await env.s.cadres.get(a);
    await env.s.cadres.save(testCtx, { ...cadre, phone: '13900000001' }, a);
    const [edited] = await env.s.cadres.history(a);
    const page = await createHandlers(env.s)['audit:list'](AuditListQuerySchema.parse({ entityType: 'cadre' }), { actor: '测试员', mode: 'browser' });
    const inViewer = page.items.find((i) => i.id === edited.id)!;
    expect(edited.lines).toEqual(inViewer.changes);
    expect(edited.lines).toEqual([{ field: 'phone', label: '联系电话', before: cadre.phone, after: '13900000001' }]);
    // One date format: 2026.11.29 14:03:09 in the viewer, as formatDateTime writes it.
    expect(inViewer.atText).toBe(formatDateTime(edited.at, { seconds: true }));
    expect(inViewer.atText).toMatch(/^\d{4}\.\d{2}\.\d{2} \d{2}:\d{2}:\d{2}$/);
  });
});
