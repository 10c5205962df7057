import type { Cadre } from '../../../shared/cadre';
import { formatResume } from '../../../shared/resume';
import { checkIdNumber } from '../../../shared/validators/idNumber';
import { ageAt, dayOf, formatBirthWithAge } from '../../../shared/validators/yearMonth';
import { conflict } from '../../../shared/errors';
import type { AppServices } from '../../services/AppServices';
import { chineseDate } from '../formatting';

/** One education line of the form: 学历 and 学位 on their own lines, the schools beside them. */
export interface EducationVm {
  /** 学历, 学位 (the non-empty ones). */
  credentials: string[];
  /** 毕业院校系及专业: one line, or two when the degree came from elsewhere. */
  schools: string[];
}

export interface FamilyRowVm {
  relation: string;
  name: string;
  /** Age at the form's 计算年龄时间, '' when the birth date is unknown. */
  age: string;
  politicalStatus: string;
  workUnitAndPost: string;
}

/** Everything the 干部任免审批表 prints, already formatted as on paper. */
export interface RenmianViewModel {
  name: string;
  gender: string;
  /** `1985.03（39岁）` */
  birth: string;
  nation: string;
  nativePlace: string;
  birthPlace: string;
  partyJoin: string;
  workStart: string;
  health: string;
  techTitle: string;
  expertise: string;
  fullTime: EducationVm;
  partTime: EducationVm;
  currentPosition: string;
  proposedPosition: string;
  proposedRemoval: string;
  /** 简历 in the standard text, one entry per line (`2003.09--2007.07  XX大学XX专业学习`). */
  resumeLines: string[];
  rewards: string;
  annualAssessment: string;
  appointmentReason: string;
  family: FamilyRowVm[];
  reportingUnit: string;
  /** `2025年6月30日`, '' when not set (the form then leaves “年 月 日” to be written by hand). */
  fillDate: string;
  formFiller: string;
  photo: Buffer | null;
}

function education(education: string, degree: string, eduSchool: string, degreeSchool: string): EducationVm {
  const schools = [eduSchool, degreeSchool].filter((s, i, all) => s && all.indexOf(s) === i);
  return { credentials: [education, degree].filter(Boolean), schools };
}

/** The view model from a stored file. `today` stands in when the file has no 计算年龄时间. */
export function renmianViewModelOf(c: Cadre, photo: Buffer | null, today: Date = new Date()): RenmianViewModel {
  const at = c.ageCalcDate || dayOf(today);
  // A file without 出生年月 still has it in the 身份证号.
  const id = c.birthDate ? null : checkIdNumber(c.idNumber, today);
  const birthDate = c.birthDate || (id?.ok ? id.info.birthYearMonth : '');
  return {
    name: c.name,
    gender: c.gender,
    birth: formatBirthWithAge(birthDate, at),
    nation: c.nation,
    nativePlace: c.nativePlace,
    birthPlace: c.birthPlace,
    partyJoin: c.partyJoinDate,
    workStart: c.workStartDate,
    health: c.health,
    techTitle: c.techTitle,
    expertise: c.expertise,
    fullTime: education(c.ftEducation, c.ftDegree, c.ftEduSchool, c.ftDegreeSchool),
    partTime: education(c.ptEducation, c.ptDegree, c.ptEduSchool, c.ptDegreeSchool),
    currentPosition: c.currentPosition,
    proposedPosition: c.proposedPosition,
    proposedRemoval: c.proposedRemoval,
    resumeLines: c.resume.length ? formatResume(c.resume).split('\n') : [],
    rewards: c.rewards,
    annualAssessment: c.annualAssessment,
    appointmentReason: c.appointmentReason,
    family: c.family.map((f) => {
      const age = f.birthDate ? ageAt(f.birthDate, at) : null;
      return {
        relation: f.relation,
        name: f.name,
        age: age == null ? '' : String(age),
        politicalStatus: f.politicalStatus,
        workUnitAndPost: f.workUnitAndPost,
      };
    }),
    reportingUnit: c.reportingUnit,
    fillDate: chineseDate(c.fillDate),
    formFiller: c.formFiller,
    photo,
  };
}

/** Reads the file (by id or 身份证号) and its photo. Files in the recycle bin are not printed. */
export async function buildRenmianViewModel(s: AppServices, cadreRef: string | number, today: Date = new Date()): Promise<RenmianViewModel> {
  const cadre = await s.cadres.resolve(cadreRef);
  if (cadre.deletedAt) throw conflict(`“${cadre.name}”的档案在回收站中，恢复后才能打印`);
  const photo = cadre.hasPhoto ? await s.cadres.getPhoto(cadre.id) : null;
  return renmianViewModelOf(cadre, photo, today);
}
