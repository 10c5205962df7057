import { CadreInputSchema, type CadreInput } from '../../shared/cadre';
import type { BatchInput } from '../../shared/batch';
import type { VoteCounts } from '../../shared/democraticVote';
import type { WorkResultInput } from '../../shared/ledger';
import type { WorkflowAction } from '../../shared/workflow';
import type { AppServices } from '../../electron/services/AppServices';
import { testCtx } from './tempServices';
import { makeIdNumber } from '../../electron/demo/demoCadres';

/**
 * Postings with what the 考核鉴定表, the 成长评价报告 and the 汇总表 print: a 期满考核 with its votes and opinions,
 * annual assessments, leave and work results. Written through the services, as the screens would.
 */

export const BATCH: BatchInput = {
  name: '安康市第7批赴常州挂职干部',
  type: '东西部协作/对口支援',
  direction: '派出',
  fromPlace: '安康市',
  toPlace: '常州市',
  dispatchingOrg: '中共安康市委组织部',
  receivingOrg: '中共常州市委组织部',
  startDate: '2025.12.01',
  endDate: '2026.11.30',
};

/** A self summary of the usual length (about 450 characters, five paragraphs). */
export const TYPICAL_SUMMARY = [
  '挂职一年来，我坚持把学习作为第一要务，认真学习常州市在招商引资、营商环境建设、产业协作等方面的先进理念和做法，主动融入挂职单位，积极参与重点工作，圆满完成了挂职任务。',
  '一是加强学习，转变角色。到岗后第一时间熟悉分管工作和单位规章制度，走访处室和重点企业二十余家，制定挂职期间个人工作计划，参加集中学习和专题培训十二次。',
  '二是主动作为，推动合作。围绕苏陕区域协作项目对接，牵头推进共建产业园纳入年度协作计划，协调两地发改部门完成项目前期对接，撰写调研报告一篇。',
  '三是严守纪律，树好形象。严格遵守工作组各项管理制度，按时参加临时党支部组织生活，以实际行动展现安康干部的良好形象。',
  '今后，我将把挂职期间学到的好经验好做法带回安康，在新的岗位上继续努力。',
].join('\n');

const LONG_PARTS = [
  '挂职期间，我始终把政治建设摆在首位，认真学习贯彻党的创新理论，坚持每周参加挂职单位的集中学习和工作组的联组学习，撰写学习心得十余篇，不断提高政治判断力、政治领悟力和政治执行力。',
  '在学习融入方面，我到岗后用一个月时间走遍了分管的处室和重点企业，逐一了解工作职责和运行机制，认真研读挂职单位近三年的工作总结和重点文件，向业务骨干请教招商引资、项目服务和要素保障的具体做法，做到边学边思边用。',
  '在参与重点工作方面，我主动承担了区域协作项目库的梳理工作，对两地八十余个合作意向逐一建档、分类跟踪，参与筹备产业合作对接会三场，协调解决企业在用地、用工和审批中的具体困难二十余件，得到企业和同事的认可。',
  '在独立承办工作方面，我牵头组织了“乐游安康”文旅推介和农特产品展销活动，从方案策划、场地协调到现场调度和总结反馈全程负责，活动期间签订消费帮扶协议十二份，带动农特产品销售九百余万元，推动两家企业在安康设立生产基地。',
  '在经验转化方面，我把挂职单位“一月一调度、一季一研判”的项目推进机制和“首问负责、限时办结”的企业服务做法整理成经验材料，向派出单位和下一批挂职干部作了专题分享，并结合安康实际提出了改进项目服务的三条建议，已被派出单位采纳。',
  '在作风纪律方面，我严格遵守工作组请销假、工作例会和信息报送等制度，按时参加临时党支部组织生活，主动接受挂职单位和派出单位的双重管理，没有发生任何违规违纪问题。',
  '回顾一年的挂职经历，我在开阔视野、增长才干、锤炼作风上都有了明显提高，但也存在对新兴产业了解不够深、统筹推进复杂项目的经验还不足等问题。今后我将继续加强学习，把挂职期间学到的理念、方法和资源带回家乡，在新的岗位上创造更好的业绩。',
];

/** A self summary of exactly `n` characters (seven paragraphs, repeated as needed and cut at `n`). */
export function longSummary(n = 2000): string {
  let text = '';
  for (let i = 0; [...text.replace(/\n/g, '')].length < n; i++) text += (text ? '\n' : '') + LONG_PARTS[i % LONG_PARTS.length];
  const out: string[] = [];
  let count = 0;
  for (const ch of text) {
    if (ch !== '\n') {
      if (count === n) break;
      count++;
    }
    out.push(ch);
  }
  return out.join('').replace(/\n$/, '');
}

export const VOTES: VoteCounts = { excellent: 26, competent: 9, basic: 1, incompetent: 0, abstain: 1 };

export const RESULTS: Omit<WorkResultInput, 'postingId'>[] = [
  { category: '招商引资', title: '促成常州某智能装备有限公司在安康设立生产基地', date: '2026.06.18', amount: 4000 },
  { category: '招商引资', title: '引进新材料配套项目', date: '2026.09.09', amount: 1500 },
  { category: '消费帮扶', title: '年货节安康富硒产品展销', date: '2026.01.20', amount: 260.5 },
  { category: '活动组织', title: '武进—安康产业合作对接会', date: '2026.05.22', quantity: 3, quantityUnit: '场' },
  { category: '调研报告', title: '《长三角产业转移与安康承接路径》调研报告', date: '2026.06.30', quantity: 1, quantityUnit: '篇' },
];

const STEPS: Record<string, WorkflowAction[]> = { 草稿: [], 已提交: ['submit'], 已审核: ['submit', 'review'], 已归档: ['submit', 'review', 'archive'] };

export interface PostingSetup {
  input: CadreInput;
  batchId?: number;
  hostUnit?: string;
  hostPost?: string;
  /** 原单位及职务 of the posting; the cadre file's 工作单位 and 现任职务 when left out. */
  original?: { unit: string; post: string };
  /** 期满考核: left out when null. */
  term?: { selfSummary: string; votes?: VoteCounts; state?: string } | null;
  annual?: { year: number; grade: '优秀' | '称职' | '基本称职'; state: string }[];
  results?: Omit<WorkResultInput, 'postingId'>[];
  leave?: { startDate: string; endDate: string }[];
}

/** Saves the cadre and a posting 2025.12.01–2026.11.30 (in the batch when given) with its records. */
export async function postingWithRecords(s: AppServices, setup: PostingSetup): Promise<{ cadreId: number; postingId: number; idNumber: string }> {
  const cadre = await s.cadres.save(testCtx, CadreInputSchema.parse(setup.input));
  const hostUnit = setup.hostUnit ?? '常州市武进区商务局';
  const hostPost = setup.hostPost ?? '副局长（挂职）';
  let postingId: number;
  if (setup.batchId && setup.original) {
    const { unit: originalUnit, post: originalPost } = setup.original;
    const batchId = setup.batchId;
    const added = await s.db.write((m) => s.batches.addMembersWith(m, testCtx, batchId, [{ cadreId: cadre.id, status: '在岗', hostUnit, hostPost, originalUnit, originalPost }]));
    postingId = added.added[0].postingId;
  } else if (setup.batchId) {
    const added = await s.batches.addMembers(testCtx, { batchId: setup.batchId, cadreIds: [cadre.id], defaults: { status: '在岗', hostUnit, hostPost } });
    postingId = added.added[0].postingId;
  } else {
    postingId = (
      await s.postings.save(testCtx, {
        cadreId: cadre.id,
        direction: '派出',
        hostUnit,
        hostPost,
        originalUnit: setup.original?.unit ?? setup.input.workUnit ?? '',
        originalPost: setup.original?.post ?? setup.input.currentPosition ?? '',
        startDate: '2025.12.01',
        plannedEndDate: '2026.11.30',
        status: '在岗',
      })
    ).id;
  }
  const run = async (id: number, state: string) => {
    for (const action of STEPS[state] ?? []) await s.assessments.transition(testCtx, { id, action });
  };
  for (const a of setup.annual ?? []) {
    const r = await s.assessments.save(testCtx, 'annual', { postingId, year: a.year, grade: a.grade, comments: '' });
    await run(r.id, a.state);
  }
  if (setup.term) {
    const r = await s.assessments.save(testCtx, 'term', {
      postingId,
      assessmentDate: '2026.11.20',
      selfSummary: setup.term.selfSummary,
      votes: setup.term.votes ?? VOTES,
      hostOpinion: '该同志政治立场坚定，工作认真负责，挂职期间表现优秀，同意鉴定为优秀。',
      dispatchOpinion: '同意挂职单位鉴定意见。',
      orgOpinion: '经研究，期满考核确定为优秀等次。',
      finalGrade: '优秀',
    });
    await run(r.id, setup.term.state ?? '已审核');
  }
  for (const r of setup.results ?? []) await s.ledger.save(testCtx, { ...r, postingId });
  for (const l of setup.leave ?? []) await s.leave.save(testCtx, { postingId, leaveType: '事假', ...l, approvedBy: '工作组组长' });
  return { cadreId: cadre.id, postingId, idNumber: CadreInputSchema.parse(setup.input).idNumber };
}

// ---- 干部任免审批表: long records (invented people; any likeness to real persons is unintended) ----

/** A county and city leader's career, one step after another: the posts of an invented life, most on one line. */
const CAREER = [
  '新疆大学人文学院汉语言文学专业学习',
  '伊犁哈萨克自治州察布查尔锡伯自治县坎乡人民政府干部',
  '伊犁哈萨克自治州察布查尔锡伯自治县坎乡党委组织干事',
  '伊犁哈萨克自治州察布查尔锡伯自治县坎乡党委委员、组织委员',
  '伊犁哈萨克自治州察布查尔锡伯自治县坎乡党委副书记、乡长',
  '伊犁哈萨克自治州察布查尔锡伯自治县坎乡党委书记',
  '伊犁哈萨克自治州察布查尔锡伯自治县委组织部副部长',
  '伊犁哈萨克自治州察布查尔锡伯自治县委组织部副部长、县人力资源和社会保障局局长',
  '伊犁哈萨克自治州察布查尔锡伯自治县委常委、组织部部长',
  '伊犁哈萨克自治州察布查尔锡伯自治县委常委、组织部部长，县委党校校长（兼）',
  '伊犁哈萨克自治州党委组织部干部一科科长',
  '伊犁哈萨克自治州党委组织部部务委员、干部一科科长',
  '挂职江苏省常州市武进区委组织部副部长',
  '伊犁哈萨克自治州党委组织部部务委员、公务员管理科科长',
  '伊犁哈萨克自治州党委组织部副部长',
  '伊犁哈萨克自治州党委组织部副部长、州委老干部局局长',
  '伊犁哈萨克自治州尼勒克县委副书记（正县级）',
  '伊犁哈萨克自治州尼勒克县委副书记、县人民政府县长',
  '伊犁哈萨克自治州尼勒克县委书记',
  '伊犁哈萨克自治州尼勒克县委书记、县人大常委会主任',
  '伊犁哈萨克自治州人民政府副秘书长',
  '伊犁哈萨克自治州人民政府副秘书长、州人民政府办公室主任',
  '伊犁哈萨克自治州发展和改革委员会党组书记、主任',
  '伊犁哈萨克自治州发展和改革委员会党组书记、主任，州粮食和物资储备局局长（兼）',
  '伊犁哈萨克自治州伊宁市委副书记、市人民政府代市长',
  '伊犁哈萨克自治州伊宁市委副书记、市人民政府市长',
  '伊犁哈萨克自治州伊宁市委书记',
  '伊犁哈萨克自治州伊宁市委书记、伊宁边境经济合作区党工委书记（兼）',
  '伊犁哈萨克自治州党委常委、伊宁市委书记',
  '伊犁哈萨克自治州党委常委、组织部部长',
  '伊犁哈萨克自治州党委常委、组织部部长，州委党校校长（兼）',
  '伊犁哈萨克自治州党委常委、常务副州长',
  '伊犁哈萨克自治州党委副书记',
  '伊犁哈萨克自治州党委副书记、州人民政府党组书记',
  '伊犁哈萨克自治州党委副书记、州人民政府州长',
  '伊犁哈萨克自治州党委书记',
  '伊犁哈萨克自治州党委书记、州人大常委会主任',
  '新疆维吾尔自治区党委组织部副部长（正厅级）',
  '新疆维吾尔自治区党委组织部常务副部长',
  '新疆维吾尔自治区党委组织部常务副部长、自治区公务员局局长',
];
const STUDY = [
  '中央党校在职研究生班经济管理专业学习',
  '新疆大学经济与管理学院工商管理专业在职研究生学习，获工商管理硕士学位',
  '中央党校（国家行政学院）中青年干部培训班学习',
];

/**
 * A 简历 of `n` entries from 1996.09 to about 2025, the last one open; a concurrent study line
 * (（其间：…）) now and then; every fifth text runs over two lines of the form.
 */
export function longResume(n: number): NonNullable<CadreInput['resume']> {
  const out: NonNullable<CadreInput['resume']> = [];
  let y = 1996;
  let m = 9;
  const ym = () => `${y}.${String(m).padStart(2, '0')}`;
  for (let i = 0; out.length < n; i++) {
    const start = ym();
    // 1996.09 to about 2025.03: four years of study, then the rest of the time spread over the posts.
    const each = Math.floor((338 - 46) / Math.max(1, n - 1));
    const months = i === 0 ? 46 : Math.max(3, each - 3 + ((i * 5) % 7));
    m += months;
    while (m > 12) {
      m -= 12;
      y++;
    }
    const last = out.length === n - 1;
    const text = CAREER[i % CAREER.length] + (i % 5 === 4 ? '，分管干部监督、人才工作和基层组织建设工作' : '');
    out.push({ start, end: last ? null : ym(), text, concurrent: false });
    if (out.length < n && i % 9 === 6) out.push({ start, end: ym(), text: STUDY[((i / 9) | 0) % STUDY.length], concurrent: true });
  }
  return out;
}

/** Ten relatives, some with long transliterated names and long work units. */
export const LONG_FAMILY: NonNullable<CadreInput['family']> = [
  { relation: '丈夫', name: '艾尔肯·阿不都热合曼', birthDate: '1976.04', politicalStatus: '中共党员', workUnitAndPost: '伊犁哈萨克自治州伊宁市第三中学高级教师、教研室主任' },
  { relation: '儿子', name: '艾力江·艾尔肯', birthDate: '2004.09', politicalStatus: '共青团员', workUnitAndPost: '新疆大学计算机科学与技术学院学生' },
  { relation: '女儿', name: '迪丽努尔·艾尔肯', birthDate: '2009.02', politicalStatus: '群众', workUnitAndPost: '伊宁市第二中学学生' },
  { relation: '父亲', name: '吐尔逊·买买提明', birthDate: '1948.11', politicalStatus: '中共党员', workUnitAndPost: '伊犁哈萨克自治州察布查尔锡伯自治县农业农村局退休干部' },
  { relation: '母亲', name: '阿依夏木古丽·沙比提', birthDate: '1951.06', politicalStatus: '群众', workUnitAndPost: '已退休' },
  { relation: '公公', name: '阿不都热合曼·艾则孜', birthDate: '1950.03', politicalStatus: '中共党员', workUnitAndPost: '伊宁市人民医院退休医师' },
  { relation: '婆婆', name: '帕提古丽·吾斯曼', birthDate: '1953.08', politicalStatus: '群众', workUnitAndPost: '已退休' },
  { relation: '哥哥', name: '阿卜杜萨拉木·吐尔逊', birthDate: '1972.12', politicalStatus: '中共党员', workUnitAndPost: '伊犁哈萨克自治州尼勒克县喀拉苏镇党委副书记、镇长' },
  { relation: '妹妹', name: '帕丽达·吐尔逊', birthDate: '1981.05', politicalStatus: '中共党员', workUnitAndPost: '伊宁县胡地亚于孜镇中心卫生院护士长' },
  { relation: '妹夫', name: '努尔兰·别克托合塔尔', birthDate: '1979.07', politicalStatus: '群众', workUnitAndPost: '霍尔果斯市某国际物流有限公司驾驶员' },
];

/** `n` relatives: LONG_FAMILY, then cousins, nephews and nieces with long names and units (for a table too long for page 2). */
export function manyRelatives(n: number): NonNullable<CadreInput['family']> {
  const given = ['阿不都克里木', '热娜古丽', '艾合买提江', '祖丽皮亚', '努尔买买提', '米热古丽', '伊力哈木', '古再丽努尔'];
  const relations = ['堂兄', '堂妹', '表弟', '表姐', '侄子', '侄女', '外甥', '外甥女'];
  const extra = Array.from({ length: Math.max(0, n - LONG_FAMILY.length) }, (_, i) => ({
    relation: relations[i % relations.length],
    name: `${given[i % given.length]}·${given[(i + 3) % given.length]}`,
    birthDate: `${1975 + (i % 20)}.0${1 + (i % 9)}`,
    politicalStatus: i % 3 === 0 ? '中共党员' : '群众',
    workUnitAndPost: i % 2 ? '伊犁哈萨克自治州霍城县清水河镇人民政府干部' : `伊宁市第${i + 1}中学教师`,
  }));
  return [...LONG_FAMILY, ...extra].slice(0, n);
}

/** 任免理由 of about 560 characters, in four paragraphs. */
export const LONG_REASON = [
  '该同志政治立场坚定，坚决拥护党的领导，认真学习贯彻习近平新时代中国特色社会主义思想，在维护民族团结、推动边疆发展中始终站稳政治立场，经受住了重大考验。',
  '该同志长期在基层和组织部门工作，先后在乡镇、县委组织部、州党委组织部、县委和州直部门任职，熟悉党建和组织人事工作，具有较强的统筹协调能力和驾驭全局能力。任尼勒克县委书记期间，牵头推进畜牧业转型升级和乡村振兴示范村建设，全县农牧民人均可支配收入年均增长百分之九以上；任伊宁市委书记期间，推动边境经济合作区扩区提质，引进项目四十余个，总投资一百二十亿元。',
  '该同志作风务实，廉洁自律，群众基础好，民主推荐和考察中得票率较高，考察组未发现其存在影响使用的问题。经州党委常委会研究，拟推荐其为自治区党委组织部常务副部长人选，并按程序兼任自治区公务员局局长。',
  '该同志在州党委书记岗位上，坚持以铸牢中华民族共同体意识为主线，统筹推进稳定、发展、生态和民生各项工作，推动全州地区生产总值连续三年保持百分之七以上增长，完成了一批打基础、利长远的重大项目，在干部群众中有较高威信。该同志熟悉自治区情况，长期从事和分管组织工作，调任自治区党委组织部工作有利于发挥其专长。',
  '以上意见妥否，请批示。同时建议免去其伊犁哈萨克自治州党委书记、州人大常委会主任职务，按照有关法律规定办理。',
].join('\n');

/** 奖惩情况 of several lines. */
export const LONG_REWARDS_2 = [
  '2003年被中共伊犁哈萨克自治州委员会评为优秀共产党员；',
  '2008年被自治区人民政府记二等功一次；',
  '2012年被评为全国民族团结进步模范个人；',
  '2016年被中共新疆维吾尔自治区委员会评为全区优秀县委书记；',
  '2019年、2021年两次被自治区党委、自治区人民政府评为脱贫攻坚先进个人；',
  '2023年被自治区人民政府嘉奖一次。',
].join('\n');

/**
 * A complete long record: `entries` 简历 lines, a long minority name, ten relatives, a long 任免理由. `seq` tells
 * the records of one database apart (their 身份证号).
 */
export function longRenmianInput(base: CadreInput, entries: number, name = '古丽娜尔·吐尔逊', seq = 0): CadreInput {
  return {
    ...base,
    name,
    gender: '女',
    birthDate: '1978.03',
    idNumber: makeIdNumber('654002', '19780315', 24 + 2 * seq, '女'),
    nation: '维吾尔族',
    nativePlace: '新疆伊宁',
    birthPlace: '新疆察布查尔',
    expertise: '党建和组织人事工作，区域经济发展',
    ftEduSchool: '新疆大学人文学院汉语言文学专业',
    ftDegreeSchool: '新疆大学人文学院汉语言文学专业',
    ptEducation: '研究生',
    ptDegree: '工商管理硕士',
    ptEduSchool: '新疆大学经济与管理学院工商管理专业',
    ptDegreeSchool: '新疆大学经济与管理学院工商管理专业',
    currentPosition: '伊犁哈萨克自治州党委书记、州人大常委会主任',
    proposedPosition: '新疆维吾尔自治区党委组织部常务副部长、自治区公务员局局长',
    proposedRemoval: '伊犁哈萨克自治州党委书记、州人大常委会主任',
    resume: longResume(entries),
    rewards: LONG_REWARDS_2,
    annualAssessment: '2022年、2023年、2024年年度考核均为优秀等次',
    appointmentReason: LONG_REASON,
    family: LONG_FAMILY,
    reportingUnit: '中共新疆维吾尔自治区委员会组织部',
    ageCalcDate: '2025.06.30',
    fillDate: '2025.06.30',
  };
}
