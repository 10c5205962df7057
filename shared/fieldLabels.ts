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
};

/** "简历第2条的起始年月" style description of a zod issue path. */
export function describePath(path: readonly PropertyKey[]): string {
  const parts: string[] = [];
  for (let i = 0; i < path.length; i++) {
    const key = path[i];
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
