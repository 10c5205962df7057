import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import type { Gender } from '../../../shared/codes';
import { parseFamily, parseResume, parseTags, type FamilyMemberData, type ResumeEntryData } from '../../../shared/cadre';
import { jsonText } from './jsonText';

/** A cadre's file. Pinyin keys are computed on write so that search and ordering need no per-query work. */
@Entity('cadre')
export class CadreEntity {
  @PrimaryGeneratedColumn({ type: 'integer' })
  id: number;

  @Column({ type: 'text', default: '' }) name: string;
  /** Initials of the name's pinyin, e.g. `lmy` for 李明远. */
  @Index('idx_cadre_name_initials')
  @Column({ type: 'text', name: 'name_initials', default: '' })
  nameInitials: string;
  /** Full pinyin without tones or spaces, e.g. `limingyuan`. */
  @Column({ type: 'text', name: 'name_pinyin', default: '' }) namePinyin: string;
  /** Order key: syllables separated by spaces, then the name (李 li < 刘 liu < 卢 lu). */
  @Index('idx_cadre_sort_key')
  @Column({ type: 'text', name: 'sort_key', default: '' })
  sortKey: string;

  @Column({ type: 'text', default: '' }) gender: Gender;
  @Column({ type: 'text', name: 'birth_date', default: '' }) birthDate: string;
  @Column({ type: 'text', default: '' }) nation: string;
  @Column({ type: 'text', name: 'native_place', default: '' }) nativePlace: string;
  @Column({ type: 'text', name: 'birth_place', default: '' }) birthPlace: string;
  @Index('idx_cadre_id_number', { unique: true })
  @Column({ type: 'text', name: 'id_number', default: '' })
  idNumber: string;
  @Column({ type: 'text', name: 'political_status', default: '' }) politicalStatus: string;
  @Column({ type: 'text', name: 'party_join_date', default: '' }) partyJoinDate: string;
  @Column({ type: 'text', name: 'work_start_date', default: '' }) workStartDate: string;
  @Column({ type: 'text', default: '' }) health: string;
  @Column({ type: 'text', name: 'tech_title', default: '' }) techTitle: string;
  @Column({ type: 'text', default: '' }) expertise: string;
  @Column({ type: 'text', default: '' }) phone: string;

  @Column({ type: 'text', name: 'ft_education', default: '' }) ftEducation: string;
  @Column({ type: 'text', name: 'ft_degree', default: '' }) ftDegree: string;
  @Column({ type: 'text', name: 'ft_edu_school', default: '' }) ftEduSchool: string;
  @Column({ type: 'text', name: 'ft_degree_school', default: '' }) ftDegreeSchool: string;
  @Column({ type: 'text', name: 'pt_education', default: '' }) ptEducation: string;
  @Column({ type: 'text', name: 'pt_degree', default: '' }) ptDegree: string;
  @Column({ type: 'text', name: 'pt_edu_school', default: '' }) ptEduSchool: string;
  @Column({ type: 'text', name: 'pt_degree_school', default: '' }) ptDegreeSchool: string;

  @Column({ type: 'text', name: 'current_position', default: '' }) currentPosition: string;
  @Column({ type: 'text', name: 'proposed_position', default: '' }) proposedPosition: string;
  @Column({ type: 'text', name: 'proposed_removal', default: '' }) proposedRemoval: string;
  @Column({ type: 'text', default: '' }) rank: string;
  @Column({ type: 'text', name: 'person_category', default: '' }) personCategory: string;
  @Column({ type: 'text', name: 'work_unit', default: '' }) workUnit: string;

  @Column(jsonText(parseResume, { default: '[]' })) resume: ResumeEntryData[];
  @Column({ type: 'text', default: '' }) rewards: string;
  @Column({ type: 'text', name: 'annual_assessment', default: '' }) annualAssessment: string;
  @Column({ type: 'text', name: 'appointment_reason', default: '' }) appointmentReason: string;
  @Column(jsonText(parseFamily, { default: '[]' })) family: FamilyMemberData[];
  @Column({ type: 'text', name: 'reporting_unit', default: '' }) reportingUnit: string;
  @Column({ type: 'text', name: 'age_calc_date', default: '' }) ageCalcDate: string;
  @Column({ type: 'text', name: 'fill_date', default: '' }) fillDate: string;
  @Column({ type: 'text', name: 'form_filler', default: '' }) formFiller: string;
  @Column(jsonText(parseTags, { default: '[]' })) tags: string[];
  @Column({ type: 'text', default: '' }) remarks: string;

  @Column({ type: 'integer', name: 'has_photo', default: 0 }) hasPhoto: number;
  @Column({ type: 'text', name: 'created_at', default: '' }) createdAt: string;
  @Column({ type: 'text', name: 'updated_at', default: '' }) updatedAt: string;
  /** Set when the file is in the recycle bin (回收站). */
  @Index('idx_cadre_deleted_at')
  @Column({ type: 'text', name: 'deleted_at', nullable: true })
  deletedAt: string | null;
}
