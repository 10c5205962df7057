import { Init0001 } from './0001_Init';
import { Batches0002 } from './0002_Batches';
import { AssessmentRecords0003 } from './0003_AssessmentRecords';
import { GrowthEvaluations0004 } from './0004_GrowthEvaluations';
import { NamedForeignKeys0005 } from './0005_NamedForeignKeys';
import { ArchiveLedger0006 } from './0006_ArchiveLedger';
import { UserAccounts0007 } from './0007_UserAccounts';
import { AuditChain0008 } from './0008_AuditChain';
import { DemoMarks0009 } from './0009_DemoMarks';

/** Every migration, in order. A new one gets the next number and is appended here. */
export const MIGRATIONS = [Init0001, Batches0002, AssessmentRecords0003, GrowthEvaluations0004, NamedForeignKeys0005, ArchiveLedger0006, UserAccounts0007, AuditChain0008, DemoMarks0009];
