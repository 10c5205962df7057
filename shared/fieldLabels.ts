/**
 * Chinese names of the fields, so that every message can say which field is wrong.
 * Keyed by the last path segment of a schema (the same key in different records means the same thing).
 */
export const FIELD_LABELS: Record<string, string> = {
  id: '编号',
  name: '姓名',
  gender: '性别',
  birthDate: '出生年月',
  nation: '民族',
  nativePlace: '籍贯',
  birthPlace: '出生地',
  idNumber: '身份证号',
  politicalStatus: '政治面貌',
  partyJoinDate: '入党时间',
  workStartDate: '参加工作时间',
  health: '健康状况',
  techTitle: '专业技术职务',
  expertise: '熟悉专业有何专长',
  phone: '联系电话',
  ftEducation: '全日制教育学历',
  ftDegree: '全日制教育学位',
  ftEduSchool: '全日制教育毕业院校系及专业（学历）',
  ftDegreeSchool: '全日制教育毕业院校系及专业（学位）',
  ptEducation: '在职教育学历',
  ptDegree: '在职教育学位',
  ptEduSchool: '在职教育毕业院校系及专业（学历）',
  ptDegreeSchool: '在职教育毕业院校系及专业（学位）',
  currentPosition: '现任职务',
  proposedPosition: '拟任职务',
  proposedRemoval: '拟免职务',
  rank: '职级',
  personCategory: '人员类别',
  workUnit: '工作单位',
  resume: '简历',
  start: '起始年月',
  end: '截止年月',
  text: '内容',
  concurrent: '其间',
  rewards: '奖惩情况',
  annualAssessment: '年度考核结果',
  appointmentReason: '任免理由',
  family: '家庭主要成员及重要社会关系',
  relation: '称谓',
  workUnitAndPost: '工作单位及职务',
  reportingUnit: '呈报单位',
  ageCalcDate: '计算年龄时间',
  fillDate: '填表时间',
  formFiller: '填表人',
  tags: '标签',
  remarks: '备注',
  photo: '照片',
  query: '查询内容',
  page: '页码',
  pageSize: '每页条数',
  education: '学历',
  reason: '原因',
  files: '文件',
  // 批次/工作组 and 挂职记录
  batchName: '批次名称',
  batchId: '批次',
  cadreId: '干部',
  cadreIds: '干部',
  type: '类型',
  direction: '方向（派出/接收）',
  fromPlace: '派出地',
  toPlace: '接收地',
  dispatchingOrg: '派出单位',
  receivingOrg: '接收单位',
  startDate: '开始日期',
  endDate: '结束日期',
  leaderId: '组长',
  themes: '季度主题',
  period: '时段',
  theme: '主题',
  note: '说明',
  subGroups: '工作小组',
  groupName: '小组名称',
  memberIds: '成员',
  branchName: '临时党支部名称',
  foundedDate: '成立日期',
  secretaryId: '支部书记',
  date: '日期',
  topic: '议题',
  attendance: '出席人数',
  minutes: '会议纪要',
  defaults: '默认值',
  originalUnit: '原单位',
  originalPost: '原职务',
  hostUnit: '挂职单位',
  hostPost: '挂任职务',
  postType: '岗位类型',
  plannedEndDate: '计划结束日期',
  actualEndDate: '实际结束日期',
  status: '状态',
  to: '新状态',
  newPlannedEndDate: '延期后的计划结束日期',
  politicalMentor: '政治辅导员',
  businessMentor: '业务指导员',
  unit: '单位',
  notes: '备注',
  today: '今天',
  withinDays: '提前天数',
};

/** "简历第2条的起始年月" style description of a zod issue path. */
export function describePath(path: readonly PropertyKey[]): string {
  const parts: string[] = [];
  for (let i = 0; i < path.length; i++) {
    const key = path[i];
    // `{ id, data }` is how save channels wrap a record: the wrapper is not a field the user knows.
    if (i === 0 && key === 'data' && path.length > 1) continue;
    if (typeof key === 'number') {
      const prev = parts.pop() ?? '';
      parts.push(`${prev}第${key + 1}条`);
      continue;
    }
    const label = FIELD_LABELS[String(key)] ?? String(key);
    parts.push(parts.length ? `的${label}` : label);
  }
  return parts.join('') || '输入';
}
