import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { AppServices } from '../../electron/services/AppServices';
import { batchMembersSql } from '../../electron/services/BatchService';
import { generateCadres } from '../generate';
import { median, p95, timeRuns, type Figure } from '../Figure';

const MEMBERS = 500;
const RUNS = 100;
const ctx = { actor: 'bench' };

/**
 * The batch page (`batch:get`) for a batch of 500 members with sub-groups, a party branch and a meetings log:
 * the service call vs the same queries run raw on the same connection (no mapping, no counting).
 */
export const batchPageFigure: Figure = {
  name: `批次页面（${MEMBERS} 名成员）`,
  async run() {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cadre-bench-'));
    const s = await AppServices.open(path.join(dir, 'cadre.db'));
    try {
      await generateCadres(s, MEMBERS + 100);
      const ids: number[] = (await s.db.manager.query(`SELECT id FROM cadre ORDER BY id LIMIT ?`, [MEMBERS])).map((r: { id: number }) => r.id);
      const batch = await s.batches.save(ctx, {
        name: '基准测试批次',
        type: '东西部协作/对口支援',
        direction: '派出',
        fromPlace: '安康市',
        toPlace: '常州市',
        startDate: '2025.12.01',
        endDate: '2026.11.30',
      });
      await s.batches.addMembers(ctx, { batchId: batch.id, cadreIds: ids, defaults: { status: '在岗', hostUnit: '常州市某局', hostPost: '副局长（挂职）' } });
      const quarter = MEMBERS / 4;
      await s.batches.saveSubGroups(ctx, {
        batchId: batch.id,
        subGroups: ['内部管理', '调研组织', '项目招引', '宣传报道'].map((groupName, g) => ({ groupName, memberIds: ids.slice(g * quarter, (g + 1) * quarter) })),
      });
      const party: number[] = (
        await s.db.manager.query(`SELECT id FROM cadre WHERE id IN (${ids.join(',')}) AND political_status = '中共党员'`)
      ).map((r: { id: number }) => r.id);
      await s.batches.savePartyBranch(ctx, { batchId: batch.id, branchName: '临时党支部', secretaryId: party[0], memberIds: party });
      for (let i = 0; i < 40; i++)
        await s.batches.saveMeeting(ctx, batch.id, { type: i % 3 ? '日常工作会议' : '全体成员会议', date: `2026.${String((i % 12) + 1).padStart(2, '0')}.10`, topic: `第${i + 1}次会议` });

      const m = s.db.manager;
      const raw = async (id: number) => {
        const members = batchMembersSql(id).render('sqlite');
        return Promise.all([
          m.query(`SELECT * FROM batch WHERE id = ?`, [id]),
          m.query(members.text, members.params),
          m.query(`SELECT id, group_name, leader_id, sort_order FROM batch_sub_group WHERE batch_id = ? ORDER BY sort_order, id`, [id]),
          m.query(
            `SELECT gm.sub_group_id, gm.cadre_id FROM batch_sub_group_member gm JOIN batch_sub_group g ON g.id = gm.sub_group_id WHERE g.batch_id = ?`,
            [id],
          ),
          m.query(`SELECT cadre_id FROM batch_branch_member WHERE batch_id = ?`, [id]),
          m.query(`SELECT * FROM batch_meeting WHERE batch_id = ? ORDER BY date DESC, id DESC`, [id]),
        ]);
      };
      const page = await s.batches.get(batch.id);
      if (page.members.length !== MEMBERS) throw new Error(`批次成员数应为 ${MEMBERS}，实为 ${page.members.length}`);
      await raw(batch.id);
      const svc = await timeRuns(RUNS, () => s.batches.get(batch.id));
      const base = await timeRuns(RUNS, () => raw(batch.id));
      return [
        {
          label: 'batch:get（成员、工作小组、党支部、主题、会议）',
          value: median(svc),
          baseline: median(base),
          unit: 'ms',
          target: 'p95 < 50 ms',
          pass: p95(svc) < 50,
          detail: `p95 ${p95(svc).toFixed(2)} ms，成员 ${page.members.length}，会议 ${page.meetings.length}`,
        },
      ];
    } finally {
      await s.close();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  },
};
