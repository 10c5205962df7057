import type { Batch } from '../../../shared/batch';
import { conflict } from '../../../shared/errors';
import { dayOf } from '../../../shared/validators/yearMonth';
import type { AppServices } from '../../services/AppServices';
import { chineseDate, unitAndPost } from '../formatting';
import { readPrintedMembers, type PrintedMember } from './batchDocumentData';
import { originalPostOf } from './printedPosting';

/** One line of the roster, formatted as printed. */
export interface RosterRowVm {
  index: number;
  name: string;
  gender: string;
  /** `1985.03` */
  birth: string;
  politicalStatus: string;
  education: string;
  /** 原单位及职务 */
  original: string;
  /** 挂职单位及职务 */
  host: string;
  /** `2025.12—2026.11` */
  period: string;
  phone: string;
  /** 组长, 临时党支部书记, a status other than 在岗 … */
  remark: string;
}

/** Everything the 挂职干部花名册 prints. */
export interface RosterViewModel {
  title: string;
  /** The line under the title: units, period, head count. */
  subtitle: string;
  /** 制表日期 */
  madeOn: string;
  /** 填报单位 ('' when the batch does not name its organisation department). */
  unit: string;
  rows: RosterRowVm[];
}

export { unitAndPost };

/** The organisation department on the batch's side (填报单位): the sending one for a batch sent out, the receiving one else. */
export function batchUnit(b: Pick<Batch, 'direction' | 'dispatchingOrg' | 'receivingOrg'>): string {
  return (b.direction === '接收' ? b.receivingOrg : b.dispatchingOrg) ?? '';
}

const ym = (d: string) => d.slice(0, 7);

function period(from: string, to: string): string {
  if (!from && !to) return '';
  return `${ym(from)}—${ym(to)}`;
}

/** 花名册 as the title: the batch name, completed to “…挂职干部花名册” unless it already says so. */
export function rosterTitle(batchName: string): string {
  if (batchName.endsWith('花名册')) return batchName;
  if (batchName.endsWith('干部')) return `${batchName}花名册`;
  if (batchName.endsWith('挂职')) return `${batchName}干部花名册`;
  return `${batchName}挂职干部花名册`;
}

function remark(m: Pick<PrintedMember, 'isLeader' | 'isBranchSecretary' | 'status'>): string {
  const parts: string[] = [];
  if (m.isLeader) parts.push('组长');
  if (m.isBranchSecretary) parts.push('临时党支部书记');
  if (m.status !== '在岗') parts.push(m.status);
  return parts.join('；');
}

/** The view model from the batch and its members (in the batch page's order). Files in the recycle bin are left out. */
export function rosterViewModelOf(b: Batch, all: readonly PrintedMember[], today: Date = new Date()): RosterViewModel {
  const members = all.filter((m) => !m.cadreDeleted).sort((x, y) => Number(y.isLeader) - Number(x.isLeader));
  const rows = members.map((m, i) => ({
    index: i + 1,
    name: m.name,
    gender: m.gender,
    birth: ym(m.birthDate),
    politicalStatus: m.politicalStatus,
    education: m.education,
    original: originalPostOf(m, { workUnit: m.workUnit ?? '', currentPosition: m.currentPosition ?? '' }),
    host: unitAndPost(m.hostUnit, m.hostPost),
    period: period(m.startDate, m.actualEndDate || m.plannedEndDate),
    phone: m.phone,
    remark: remark(m),
  }));
  const parts = [
    b.dispatchingOrg && `派出单位：${b.dispatchingOrg}`,
    b.receivingOrg && `接收单位：${b.receivingOrg}`,
    (b.startDate || b.endDate) && `挂职时间：${period(b.startDate, b.endDate)}`,
    `共${rows.length}人`,
  ].filter(Boolean);
  return { title: rosterTitle(b.name), subtitle: parts.join('　　'), madeOn: chineseDate(dayOf(today)), unit: batchUnit(b), rows };
}

/** Reads the batch (by id or name) and its members (two queries); a batch without members has nothing to print. */
export async function buildRosterViewModel(s: AppServices, batchRef: string | number, today: Date = new Date()): Promise<RosterViewModel> {
  const batch = await s.batches.resolve(batchRef);
  const members = await readPrintedMembers(s.db.manager, batch);
  if (!members.some((m) => !m.cadreDeleted)) throw conflict(`批次“${batch.name}”还没有成员，没有可打印的花名册`);
  return rosterViewModelOf(batch, members, today);
}
