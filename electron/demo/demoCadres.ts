import type { CadreInput } from '../../shared/cadre';
import { idCheckChar } from '../../shared/validators/idNumber';

/** A valid ID number for an invented person (region, birth day, sequence whose parity gives the sex). */
export function makeIdNumber(region: string, birthDay: string, seq: number, gender: '男' | '女'): string {
  let s = seq % 1000;
  if ((s % 2 === 1) !== (gender === '男')) s = (s + 1) % 1000;
  const first17 = `${region}${birthDay}${String(s).padStart(3, '0')}`;
  return first17 + idCheckChar(first17);
}

type Seed = [name: string, gender: '男' | '女', birth: string, unit: string, post: string, rank: string, category: string];

/** Invented people: any likeness to real persons is unintended. */
const SEEDS: Seed[] = [
  ['李明远', '男', '19850324', '安康市发展和改革委员会', '安康市发展和改革委员会副主任', '四级调研员', '公务员'],
  ['刘思源', '女', '19880611', '安康市商务局', '安康市商务局投资促进科科长', '一级主任科员', '公务员'],
  ['卢佳宁', '女', '19900915', '汉滨区农业农村局', '汉滨区农业农村局副局长', '二级主任科员', '公务员'],
  ['王晓峰', '男', '19830107', '安康市乡村振兴局', '安康市乡村振兴局综合科科长', '一级主任科员', '公务员'],
  ['张雅琴', '女', '19870402', '安康市文化和旅游广电局', '安康市文化和旅游广电局产业发展科副科长', '三级主任科员', '公务员'],
  ['陈志刚', '男', '19811220', '安康高新技术产业开发区管委会', '安康高新区招商服务中心主任', '', '参公'],
  ['赵丽华', '女', '19891030', '安康市人民医院', '安康市人民医院医务科副科长', '', '事业'],
  ['杨建国', '男', '19790518', '安康市交通建设投资集团有限公司', '安康市交通建设投资集团有限公司副总经理', '', '国企'],
  ['黄文博', '男', '19920226', '汉阴县城关镇人民政府', '汉阴县城关镇党委委员、副镇长', '四级主任科员', '公务员'],
  ['周敏', '女', '19860809', '石泉县委组织部', '石泉县委组织部干部监督股股长', '二级主任科员', '公务员'],
  ['吴海涛', '男', '19840713', '安康市生态环境局', '安康市生态环境局法规科科长', '一级主任科员', '公务员'],
  ['孙晓燕', '女', '19910117', '平利县商务局', '平利县商务局副局长', '三级主任科员', '公务员'],
  ['马俊杰', '男', '19880302', '旬阳市信访局', '旬阳市信访局副局长', '二级主任科员', '公务员'],
  ['郑雪梅', '女', '19930521', '紫阳县茶业发展中心', '紫阳县茶业发展中心副主任', '', '事业'],
];

const SCHOOLS = ['西北大学经济管理学院国民经济管理专业', '陕西师范大学文学院汉语言文学专业', '西北农林科技大学经济管理学院农林经济管理专业', '长安大学公路学院交通工程专业', '西安交通大学医学部临床医学专业'];
const PARTIES = ['中共党员', '中共党员', '中共党员', '中共预备党员', '民盟盟员', '群众'];

function addYears(ym: string, years: number): string {
  const [y, m] = ym.split('.');
  return `${Number(y) + years}.${m}`;
}

/** The demo files: complete enough that every screen and form has something to show. */
export function demoCadres(): CadreInput[] {
  return SEEDS.map(([name, gender, birth, unit, post, rank, category], i) => {
    const birthYm = `${birth.slice(0, 4)}.${birth.slice(4, 6)}`;
    const school = SCHOOLS[i % SCHOOLS.length];
    const college = `${addYears(birthYm, 18).slice(0, 4)}.09`;
    const graduate = `${addYears(birthYm, 22).slice(0, 4)}.07`;
    const firstJob = `${addYears(birthYm, 22).slice(0, 4)}.08`;
    const promoted = `${Number(firstJob.slice(0, 4)) + 8}.03`;
    const politicalStatus = PARTIES[i % PARTIES.length];
    const partyJoinDate =
      politicalStatus.startsWith('中共') ? `${Number(college.slice(0, 4)) + 2}.06` : politicalStatus === '民盟盟员' ? `${Number(firstJob.slice(0, 4)) + 3}.05；民盟` : '';
    const spouseBirth = addYears(birthYm, 1);
    const childBirth = addYears(birthYm, 29);
    return {
      name,
      gender,
      birthDate: birthYm,
      nation: i === 4 ? '回族' : '汉族',
      nativePlace: ['陕西安康', '陕西汉阴', '陕西石泉', '陕西平利', '陕西旬阳'][i % 5],
      birthPlace: ['陕西安康', '陕西汉阴', '陕西石泉', '陕西平利', '陕西旬阳'][(i + 1) % 5],
      idNumber: makeIdNumber('610902', birth, 101 + i * 2, gender),
      politicalStatus,
      partyJoinDate,
      workStartDate: firstJob,
      health: '健康',
      techTitle: category === '事业' ? '中级' : '',
      expertise: ['经济管理', '招商引资', '农业农村工作', '文化旅游推介', '基层治理'][i % 5],
      phone: `1390915${String(1000 + i * 37).padStart(4, '0')}`,
      ftEducation: '大学',
      ftDegree: '学士',
      ftEduSchool: school,
      ftDegreeSchool: school,
      ptEducation: i % 3 === 0 ? '研究生' : '',
      ptDegree: i % 3 === 0 ? '公共管理硕士' : '',
      ptEduSchool: i % 3 === 0 ? '西北大学公共管理学院公共管理专业' : '',
      ptDegreeSchool: i % 3 === 0 ? '西北大学公共管理学院公共管理专业' : '',
      currentPosition: post,
      rank,
      personCategory: category,
      workUnit: unit,
      resume: [
        { start: college, end: graduate, text: `${school.replace(/专业$/, '')}专业学习`, concurrent: false },
        { start: firstJob, end: promoted, text: `${unit}科员`, concurrent: false },
        ...(i % 3 === 0
          ? [{ start: `${Number(firstJob.slice(0, 4)) + 3}.09`, end: `${Number(firstJob.slice(0, 4)) + 6}.06`, text: '西北大学公共管理学院公共管理专业在职研究生学习，获公共管理硕士学位', concurrent: true }]
          : []),
        { start: promoted, end: null, text: post, concurrent: false },
      ],
      rewards: i % 4 === 0 ? `${Number(promoted.slice(0, 4)) + 2}年被评为全市脱贫攻坚先进个人` : '无',
      annualAssessment: '2023年、2024年年度考核均为称职，2025年年度考核优秀',
      appointmentReason: '',
      family: [
        { relation: gender === '男' ? '妻子' : '丈夫', name: `${['何', '许', '冯', '邓', '曹'][i % 5]}${['静', '军', '芳', '伟', '琳'][i % 5]}`, birthDate: spouseBirth, politicalStatus: '中共党员', workUnitAndPost: '安康市第一中学教师' },
        { relation: i % 2 ? '女儿' : '儿子', name: `${name[0]}${['子涵', '一诺', '梓轩', '若溪'][i % 4]}`, birthDate: childBirth, politicalStatus: '群众', workUnitAndPost: '安康市育才小学学生' },
        { relation: '父亲', name: `${name[0]}${['德厚', '长林', '世荣', '建华'][i % 4]}`, birthDate: addYears(birthYm, -27), politicalStatus: '中共党员', workUnitAndPost: '已退休' },
      ],
      reportingUnit: '中共安康市委组织部',
      formFiller: '干部科',
      tags: i < 6 ? ['东西部协作'] : i < 10 ? ['一线挂职'] : [],
      remarks: '',
    };
  });
}
