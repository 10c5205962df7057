import { Init0001 } from './0001_Init';

/** Every migration, in order. A new one gets the next number and is appended here. */
export const MIGRATIONS = [Init0001];
