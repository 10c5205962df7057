import type { EntityManager } from 'typeorm';
import { BatchInputSchema, type BatchInput, type MeetingInput, type MemberToAdd, type QuarterTheme } from '../../shared/batch';
import { CadreInputSchema } from '../../shared/cadre';
import { MeetingInputSchema, PartyBranchInputSchema, SubGroupsInputSchema, ThemesInputSchema } from '../../shared/batch';
import { PostingInputSchema, StatusChangeInputSchema, type PostingInput, type StatusChangeInput } from '../../shared/posting';
import { BatchEntity, PostingEntity } from '../db/entities';
import type { AppServices } from '../services/AppServices';
import type { ServiceContext } from '../services/ServiceContext';
import { demoCadres, makeIdNumber } from './demoCadres';

/**
 * Demo batches and postings around “today” (late 2026), so that every list and every reminder has something:
 * an East–West batch ending within days, a front-line batch with a recall, an extension, a planned posting,
 * one past its end still 在岗 and one without mentors; plus a finished single posting and a received cadre.
 * Invented people and mentors only.
 */
const ACTION = '载入示例数据';

interface DemoMember extends Omit<MemberToAdd, 'cadreId'> {
  /** Index into demoCadres(). */
  who: number;
  /** Status steps after joining, in order. */
  then?: Omit<StatusChangeInput, 'id'>[];
}

interface DemoBatch {
  batch: BatchInput;
  leader: number;
  members: DemoMember[];
  subGroups: { groupName: string; leader?: number; members: number[] }[];
  branch?: { branchName: string; foundedDate: string; secretary: number; members: number[] };
  themes: QuarterTheme[];
  meetings: MeetingInput[];
}

const mentor = (name: string, unit: string, phone: string) => ({ name, unit, phone });

const BATCHES: DemoBatch[] = [
  {
    batch: {
      name: '安康市第7批赴常州挂职干部',
      type: '东西部协作/对口支援',
      direction: '派出',
      fromPlace: '安康市',
      toPlace: '常州市',
      dispatchingOrg: '中共安康市委组织部',
      receivingOrg: '中共常州市委组织部',
      startDate: '2025.12.01',
      endDate: '2026.11.30',
      notes: '苏陕协作，挂职期一年；工作组实行组长负责制，每月听取挂职工作汇报。',
    },
    leader: 3,
    members: [
      { who: 0, status: '在岗', hostUnit: '常州市发展和改革委员会', hostPost: '区域协作处副处长（挂职）', postType: '机关',
        politicalMentor: mentor('顾国平', '常州市发展和改革委员会', '0519-85681001'), businessMentor: mentor('沈一鸣', '常州市发展和改革委员会区域协作处', '0519-85681023') },
      { who: 1, status: '在岗', hostUnit: '常州市武进区商务局', hostPost: '副局长（挂职）', postType: '招商',
        politicalMentor: mentor('陆建华', '常州市武进区委组织部', '0519-86301102'), businessMentor: mentor('蒋文涛', '常州市武进区商务局', '0519-86301288') },
      { who: 2, status: '在岗', hostUnit: '常州市金坛区农业农村局', hostPost: '副局长（挂职）', postType: '机关',
        politicalMentor: mentor('钱卫东', '常州市金坛区委组织部', '0519-82821005'), businessMentor: mentor('许晓岚', '常州市金坛区农业农村局', '0519-82821330') },
      { who: 3, status: '在岗', hostUnit: '常州市农业农村局', hostPost: '副局长（挂职）', postType: '机关',
        politicalMentor: mentor('周立群', '常州市委组织部', '0519-85682001'), businessMentor: mentor('吴志远', '常州市农业农村局', '0519-85682310') },
      { who: 4, status: '在岗', hostUnit: '常州市文化广电和旅游局', hostPost: '产业发展处副处长（挂职）', postType: '机关',
        politicalMentor: mentor('丁慧', '常州市文化广电和旅游局', '0519-85683006'), businessMentor: mentor('华晓东', '常州市文化广电和旅游局产业发展处', '0519-85683120') },
      { who: 5, status: '在岗', hostUnit: '常州国家高新区（新北区）投资促进局', hostPost: '副局长（挂职）', postType: '园区',
        politicalMentor: mentor('恽志强', '常州市新北区委组织部', '0519-85127001'), businessMentor: mentor('承海峰', '常州国家高新区投资促进局', '0519-85127066') },
    ],
    subGroups: [
      { groupName: '内部管理', leader: 3, members: [3, 0] },
      { groupName: '调研组织', leader: 2, members: [2, 4] },
      { groupName: '项目招引', leader: 1, members: [1, 5] },
      { groupName: '宣传报道', leader: 4, members: [4] },
    ],
    branch: { branchName: '安康赴常州挂职干部临时党支部', foundedDate: '2025.12.05', secretary: 0, members: [0, 1, 2, 3] },
    themes: [
      { period: '第一季度', theme: '融入', note: '熟悉岗位、走访调研，尽快融入常州工作节奏' },
      { period: '第二季度', theme: '务实', note: '聚焦分管工作，每人牵头一项具体任务' },
      { period: '第三季度', theme: '见效', note: '推动项目签约落地和消费帮扶' },
      { period: '第四季度', theme: '赓续', note: '总结经验做法，做好与下一批的交接' },
    ],
    meetings: [
      { type: '全体成员会议', date: '2025.12.03', topic: '工作组第一次全体成员会议：明确一季一主题和分组分工', attendance: 6, minutes: '宣布工作组组成及四个工作小组分工；明确季度主题为融入、务实、见效、赓续。' },
      { type: '主题党日', date: '2026.01.10', topic: '临时党支部成立后首次主题党日：重温入党誓词', attendance: 4 },
      { type: '日常工作会议', date: '2026.01.15', topic: '一月工作调度：走访计划与调研选题', attendance: 6 },
      { type: '全体成员会议', date: '2026.03.02', topic: '一季度总结研判', attendance: 6, minutes: '各成员汇报融入情况，研判下一季度重点。' },
      { type: '日常工作会议', date: '2026.04.20', topic: '项目招引专题调度', attendance: 5 },
      { type: '警示教育', date: '2026.05.12', topic: '观看警示教育片并开展交流研讨', attendance: 6 },
      { type: '全体成员会议', date: '2026.06.01', topic: '二季度总结研判', attendance: 6 },
      { type: '主题党日', date: '2026.07.01', topic: '庆祝建党105周年主题党日', attendance: 4 },
      { type: '全体成员会议', date: '2026.09.01', topic: '三季度总结研判及期满考核准备', attendance: 6 },
    ],
  },
  {
    batch: {
      name: '2026年度一线挂职锻炼',
      type: '一线挂职',
      direction: '派出',
      fromPlace: '安康市直单位',
      toPlace: '安康市各县（市、区）一线',
      dispatchingOrg: '中共安康市委组织部',
      receivingOrg: '各县（市、区）委组织部',
      startDate: '2026.01.05',
      endDate: '2027.01.04',
      notes: '选派市直单位年轻干部到乡村振兴、招商引资、园区建设、信访维稳一线挂职。',
    },
    leader: 7,
    members: [
      { who: 6, status: '在岗', hostUnit: '安康高新区管委会', hostPost: '社会事业局副局长（挂职）', postType: '园区',
        politicalMentor: mentor('邓海燕', '安康高新区党工委组织部', '0915-3261001'), businessMentor: mentor('曹正阳', '安康高新区社会事业局', '0915-3261088'),
        then: [{ to: '提前结束（召回）', date: '2026.06.30', reason: '原单位承担重大公共卫生保障任务，经研究提前召回' }] },
      { who: 7, status: '在岗', hostUnit: '汉阴县招商服务中心', hostPost: '副主任（挂职）', postType: '招商', plannedEndDate: '2026.07.04',
        politicalMentor: mentor('冯建军', '汉阴县委组织部', '0915-5212001'), businessMentor: mentor('何立新', '汉阴县招商服务中心', '0915-5212066'),
        then: [{ to: '延期', date: '2026.06.20', reason: '牵头的两个重点招商项目正在落地，经研究延期半年', newPlannedEndDate: '2027.01.04' }] },
      { who: 8, status: '在岗', hostUnit: '汉阴县涧池镇双河村', hostPost: '驻村第一书记', postType: '第一书记' },
      { who: 9, status: '拟派', hostUnit: '宁陕县信访局', hostPost: '副局长（挂职）', postType: '信访', startDate: '2026.12.01', plannedEndDate: '2027.11.30' },
      { who: 10, status: '在岗', hostUnit: '石泉县池河工业园区管委会', hostPost: '副主任（挂职）', postType: '园区', plannedEndDate: '2026.10.31',
        politicalMentor: mentor('彭春来', '石泉县委组织部', '0915-6312001'), businessMentor: mentor('曾庆林', '石泉县池河工业园区管委会', '0915-6312055') },
    ],
    subGroups: [
      { groupName: '乡村振兴组', members: [8] },
      { groupName: '招商园区组', leader: 7, members: [7, 10] },
      { groupName: '信访维稳组', members: [9] },
    ],
    themes: [
      { period: '第一季度', theme: '扎根', note: '' },
      { period: '第二季度', theme: '实干', note: '' },
      { period: '第三季度', theme: '攻坚', note: '' },
      { period: '第四季度', theme: '总结', note: '' },
    ],
    meetings: [
      { type: '全体成员会议', date: '2026.01.06', topic: '一线挂职动员部署会', attendance: 5 },
      { type: '日常工作会议', date: '2026.04.10', topic: '一季度挂职工作汇报', attendance: 5 },
      { type: '警示教育', date: '2026.07.15', topic: '“空挂”“虚挂”问题警示教育', attendance: 4, minutes: '通报召回情况，重申在岗要求。' },
      { type: '全体成员会议', date: '2026.10.09', topic: '三季度研判及期满安排', attendance: 4 },
    ],
  },
];

/** Postings outside any batch: a finished study posting (跟班学习) and one received cadre (接收). */
const SINGLE: { who: number; posting: Omit<PostingInput, 'cadreId'> }[] = [
  {
    who: 12,
    posting: {
      direction: '派出', hostUnit: '陕西省信访局', hostPost: '办信处（跟班学习）', postType: '信访',
      startDate: '2024.03.01', plannedEndDate: '2025.02.28', status: '期满',
      politicalMentor: mentor('党振华', '陕西省信访局人事处', '029-63911001'), businessMentor: mentor('雷宏', '陕西省信访局办信处', '029-63911056'),
    },
  },
];

/** An invented cadre from the pairing city, received here for a year. */
const RECEIVED = {
  cadre: {
    name: '顾晨阳', gender: '男' as const, birthDate: '1988.06', idNumber: makeIdNumber('320402', '19880615', 31, '男'),
    nation: '汉族', nativePlace: '江苏常州', politicalStatus: '中共党员', workUnit: '常州市商务局',
    currentPosition: '常州市商务局外资处副处长', personCategory: '公务员', ftEducation: '研究生', ftDegree: '硕士',
    tags: ['东西部协作', '接收'],
  },
  posting: {
    direction: '接收' as const, originalUnit: '常州市商务局', originalPost: '外资处副处长',
    hostUnit: '安康市商务局', hostPost: '副局长（挂职）', postType: '机关' as const,
    startDate: '2026.03.01', plannedEndDate: '2027.02.28', status: '在岗' as const,
    politicalMentor: mentor('邹卫国', '中共安康市委组织部干部科', '0915-3268001'), businessMentor: mentor('刘思源', '安康市商务局投资促进科', '0915-3268120'),
    notes: '苏陕协作对口交流，负责两地产业合作和消费帮扶对接。',
  },
};

/**
 * Loads the demo batches and postings inside the demo's transaction. Idempotent: a batch whose name exists is
 * left as it is, and a single posting is skipped when the cadre already has one starting that day.
 */
export async function loadDemoBatches(s: AppServices, ctx: ServiceContext, m: EntityManager): Promise<{ cadres: number; batches: number; postings: number }> {
  const idOf = new Map<number, number>();
  const cadres = demoCadres();
  const cadreId = async (who: number): Promise<number> => {
    if (!idOf.has(who)) {
      const c = await s.cadres.findByIdNumber(String(cadres[who].idNumber), m);
      if (!c) throw new Error(`示例干部“${cadres[who].name}”不存在`);
      idOf.set(who, c.id);
    }
    return idOf.get(who)!;
  };
  let batches = 0;
  let postings = 0;
  let added = 0;

  for (const d of BATCHES) {
    const data = BatchInputSchema.parse(d.batch);
    if (await m.findOneBy(BatchEntity, { name: data.name })) continue;
    const batch = await s.batches.saveWith(m, ctx, data, undefined, ACTION);
    batches++;
    const members: MemberToAdd[] = [];
    for (const { who, then: _then, ...rest } of d.members) members.push({ ...rest, cadreId: await cadreId(who) });
    const added = await s.batches.addMembersWith(m, ctx, batch.id, members, ACTION);
    postings += added.added.length;
    for (const member of d.members) {
      const postingId = added.added.find((a) => a.cadreId === idOf.get(member.who))!.postingId;
      for (const step of member.then ?? []) await s.postings.changeStatusWith(m, ctx, StatusChangeInputSchema.parse({ ...step, id: postingId }));
    }
    await s.batches.saveWith(m, ctx, { ...data, leaderId: await cadreId(d.leader) }, batch.id, ACTION);
    await saveStructure(s, ctx, m, batch.id, d, cadreId);
  }

  for (const single of SINGLE) {
    const id = await cadreId(single.who);
    if (await m.findOneBy(PostingEntity, { cadreId: id, startDate: single.posting.startDate })) continue;
    await s.postings.saveWith(m, ctx, PostingInputSchema.parse({ ...single.posting, cadreId: id }), undefined, ACTION);
    postings++;
  }

  const guest = CadreInputSchema.parse(RECEIVED.cadre);
  const existing = await s.cadres.findByIdNumber(guest.idNumber, m);
  const guestId = existing?.id ?? (added++, (await s.cadres.saveWith(m, ctx, guest, undefined, ACTION)).id);
  if (!(await m.findOneBy(PostingEntity, { cadreId: guestId, startDate: RECEIVED.posting.startDate }))) {
    await s.postings.saveWith(m, ctx, PostingInputSchema.parse({ ...RECEIVED.posting, cadreId: guestId }), undefined, ACTION);
    postings++;
  }
  return { cadres: added, batches, postings };
}

/** Sub-groups, party branch, themes and meetings go through the same checks as the screens'. */
async function saveStructure(
  s: AppServices,
  ctx: ServiceContext,
  m: EntityManager,
  batchId: number,
  d: DemoBatch,
  cadreId: (who: number) => Promise<number>,
): Promise<void> {
  const ids = async (xs: number[]) => Promise.all(xs.map(cadreId));
  // The screens' save methods open their own transaction; inside the demo's one the *With parts are used instead.
  for (const meeting of d.meetings) await s.batches.saveMeetingWith(m, ctx, batchId, MeetingInputSchema.parse(meeting));
  await s.batches.saveSubGroupsWith(m, ctx, SubGroupsInputSchema.parse({
    batchId,
    subGroups: await Promise.all(
      d.subGroups.map(async (g) => ({ groupName: g.groupName, leaderId: g.leader === undefined ? null : await cadreId(g.leader), memberIds: await ids(g.members) })),
    ),
  }));
  if (d.branch)
    await s.batches.savePartyBranchWith(m, ctx, PartyBranchInputSchema.parse({
      batchId, branchName: d.branch.branchName, foundedDate: d.branch.foundedDate, secretaryId: await cadreId(d.branch.secretary), memberIds: await ids(d.branch.members),
    }));
  await s.batches.saveThemesWith(m, ctx, ThemesInputSchema.parse({ batchId, themes: d.themes }));
}
