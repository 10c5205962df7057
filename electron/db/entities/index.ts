import { AuditEntryEntity } from './AuditEntryEntity';
import { CadreEntity } from './CadreEntity';
import { CadrePhotoEntity } from './CadrePhotoEntity';

export { AuditEntryEntity, CadreEntity, CadrePhotoEntity };

/** Every entity the DataSource knows. */
export const ENTITIES = [CadreEntity, CadrePhotoEntity, AuditEntryEntity];
