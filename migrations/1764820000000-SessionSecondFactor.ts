import { MigrationInterface, QueryRunner } from 'typeorm';

/** When a session passed the second factor (verifyMfa, or confirming enrolment): admin rights under required MFA need it. */
export class SessionSecondFactor1764820000000 implements MigrationInterface {
    name = 'SessionSecondFactor1764820000000'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`ALTER TABLE "auth_session" ADD "second_factor_at" TIMESTAMP(3) WITH TIME ZONE`);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`ALTER TABLE "auth_session" DROP COLUMN "second_factor_at"`);
    }
}
