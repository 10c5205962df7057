import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Accounts (用户) for sign-in and roles (generated from UserAccountEntity). Until the first row exists, nothing asks anyone to sign in. */
export class UserAccounts0007 implements MigrationInterface {
  // TypeORM reads the last 13 characters of the name as the migration's number.
  name = 'UserAccounts0000000000007';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE "user_account" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "username" text NOT NULL, "display_name" text NOT NULL DEFAULT (''), "dept" text NOT NULL DEFAULT (''), "role" text NOT NULL DEFAULT ('viewer'), "password_hash" text NOT NULL DEFAULT (''), "must_change_password" integer NOT NULL DEFAULT (0), "disabled" integer NOT NULL DEFAULT (0), "failed_attempts" integer NOT NULL DEFAULT (0), "locked_until" text NOT NULL DEFAULT (''), "last_sign_in_at" text NOT NULL DEFAULT (''), "created_at" text NOT NULL DEFAULT (''), "updated_at" text NOT NULL DEFAULT (''))`);
    await q.query(`CREATE UNIQUE INDEX "idx_user_account_username" ON "user_account" ("username")`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX "idx_user_account_username"`);
    await q.query(`DROP TABLE "user_account"`);
  }
}
