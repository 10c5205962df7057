/** The program's version, shown in 关于 and written into backups. */
export const APP_VERSION = '0.1.0';
