import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import type { Gender } from '../../../shared/codes';
import type { FamilyMemberData, ResumeEntryData } from '../../../shared/cadre';

/** A cadre's file. Pinyin keys are computed on write so that search and ordering need no per-query work. */
@Entity('cadre')
export class CadreEntity {
  @PrimaryGeneratedColumn({ type: 'integer' })
  id: number;

  @Column({ type: 'text' }) name: string;
  /** Initials of the name's pinyin, e.g. `lmy` for 李明远. */
  @Index('idx_cadre_name_initials')
  @Column({ type: 'text', name: 'name_initials' })
  nameInitials: string;
  /** Full pinyin without tones or spaces, e.g. `limingyuan`. */
  @Column({ type: 'text', name: 'name_pinyin' }) namePinyin: string;
  /** Order key: syllables separated by spaces, then the name (李 li < 刘 liu < 卢 lu). */
  @Index('idx_cadre_sort_key')
  @Column({ type: 'text', name: 'sort_key' })
  sortKey: string;

  @Column({ type: 'text' }) gender: Gender;
  @Column({ type: 'text', name: 'birth_date' }) birthDate: string;
  @Column({ type: 'text' }) nation: string;
  @Column({ type: 'text', name: 'native_place' }) nativePlace: string;
  @Column({ type: 'text', name: 'birth_place' }) birthPlace: string;
  @Index('idx_cadre_id_number', { unique: true })
  @Column({ type: 'text', name: 'id_number' })
  idNumber: string;
  @Column({ type: 'text', name: 'political_status' }) politicalStatus: string;
  @Column({ type: 'text', name: 'party_join_date' }) partyJoinDate: string;
  @Column({ type: 'text', name: 'work_start_date' }) workStartDate: string;
  @Column({ type: 'text' }) health: string;
  @Column({ type: 'text', name: 'tech_title' }) techTitle: string;
  @Column({ type: 'text' }) expertise: string;
  @Column({ type: 'text' }) phone: string;

  @Column({ type: 'text', name: 'ft_education' }) ftEducation: string;
  @Column({ type: 'text', name: 'ft_degree' }) ftDegree: string;
  @Column({ type: 'text', name: 'ft_edu_school' }) ftEduSchool: string;
  @Column({ type: 'text', name: 'ft_degree_school' }) ftDegreeSchool: string;
  @Column({ type: 'text', name: 'pt_education' }) ptEducation: string;
  @Column({ type: 'text', name: 'pt_degree' }) ptDegree: string;
  @Column({ type: 'text', name: 'pt_edu_school' }) ptEduSchool: string;
  @Column({ type: 'text', name: 'pt_degree_school' }) ptDegreeSchool: string;

  @Column({ type: 'text', name: 'current_position' }) currentPosition: string;
  @Column({ type: 'text', name: 'proposed_position' }) proposedPosition: string;
  @Column({ type: 'text', name: 'proposed_removal' }) proposedRemoval: string;
  @Column({ type: 'text' }) rank: string;
  @Column({ type: 'text', name: 'person_category' }) personCategory: string;
  @Column({ type: 'text', name: 'work_unit' }) workUnit: string;

  @Column({ type: 'simple-json' }) resume: ResumeEntryData[];
  @Column({ type: 'text' }) rewards: string;
  @Column({ type: 'text', name: 'annual_assessment' }) annualAssessment: string;
  @Column({ type: 'text', name: 'appointment_reason' }) appointmentReason: string;
  @Column({ type: 'simple-json' }) family: FamilyMemberData[];
  @Column({ type: 'text', name: 'reporting_unit' }) reportingUnit: string;
  @Column({ type: 'text', name: 'age_calc_date' }) ageCalcDate: string;
  @Column({ type: 'text', name: 'fill_date' }) fillDate: string;
  @Column({ type: 'text', name: 'form_filler' }) formFiller: string;
  @Column({ type: 'simple-json' }) tags: string[];
  @Column({ type: 'text' }) remarks: string;

  @Column({ type: 'integer', name: 'has_photo', default: 0 }) hasPhoto: number;
  @Column({ type: 'text', name: 'created_at' }) createdAt: string;
  @Column({ type: 'text', name: 'updated_at' }) updatedAt: string;
  /** Set when the file is in the recycle bin (回收站). */
  @Index('idx_cadre_deleted_at')
  @Column({ type: 'text', name: 'deleted_at', nullable: true })
  deletedAt: string | null;
}
