import { AuditEntryEntity } from './AuditEntryEntity';
import { CadreEntity } from './CadreEntity';
import { CadrePhotoEntity } from './CadrePhotoEntity';
import { BatchEntity } from './BatchEntity';
import { BatchBranchMemberEntity } from './BatchBranchMemberEntity';
import { BatchMeetingEntity } from './BatchMeetingEntity';
import { BatchSubGroupEntity, BatchSubGroupMemberEntity } from './BatchSubGroupEntity';
import { PostingEntity } from './PostingEntity';
import { PostingStatusChangeEntity } from './PostingStatusChangeEntity';
import { AssessmentRecordEntity } from './AssessmentRecordEntity';
import { WorkflowStepEntity } from './WorkflowStepEntity';
import { LeaveEntryEntity } from './LeaveEntryEntity';
import { WorkResultEntity } from './WorkResultEntity';
import { EvidenceFileEntity } from './EvidenceFileEntity';
import { AppSettingEntity } from './AppSettingEntity';
import { GrowthTemplateEntity } from './GrowthTemplateEntity';
import { GrowthEvaluationEntity } from './GrowthEvaluationEntity';
import { ArchiveLedgerEntryEntity, ArchiveLedgerHeadEntity } from './ArchiveLedgerEntryEntity';
import { UserAccountEntity } from './UserAccountEntity';
import { DemoMarkEntity } from './DemoMarkEntity';

export { AuditEntryEntity, CadreEntity, CadrePhotoEntity };
export { BatchEntity, BatchBranchMemberEntity, BatchMeetingEntity, BatchSubGroupEntity, BatchSubGroupMemberEntity, PostingEntity, PostingStatusChangeEntity };
export { AssessmentRecordEntity, WorkflowStepEntity, LeaveEntryEntity, WorkResultEntity, EvidenceFileEntity, AppSettingEntity };
export { GrowthTemplateEntity, GrowthEvaluationEntity, ArchiveLedgerEntryEntity, ArchiveLedgerHeadEntity, UserAccountEntity, DemoMarkEntity };

/**
 * Every entity the DataSource knows. Together they describe the migrated schema exactly (tests/integration/schema.test.ts);
 * relations are declared only on the foreign-key side, so the entity files import each other without cycles.
 */
export const ENTITIES = [
  CadreEntity, CadrePhotoEntity, AuditEntryEntity,
  BatchEntity, BatchSubGroupEntity, BatchSubGroupMemberEntity, BatchBranchMemberEntity, BatchMeetingEntity, PostingEntity, PostingStatusChangeEntity,
  AssessmentRecordEntity, WorkflowStepEntity, LeaveEntryEntity, WorkResultEntity, EvidenceFileEntity, AppSettingEntity,
  GrowthTemplateEntity, GrowthEvaluationEntity, ArchiveLedgerEntryEntity, ArchiveLedgerHeadEntity, UserAccountEntity, DemoMarkEntity,
];
