/** Progress of a long job (an import, an export, a backup), reported while the call runs. */
export interface JobProgress {
  /** What is being done, for the user: “校验数据”, “写入数据库”. */
  stage: string;
  done: number;
  total: number;
}
