import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The text a highlight is cut from: that of the search (tags of stored HTML become blanks) with its
 * character references decoded, so that the highlight, which escapes every character, escapes each
 * once ("&amp;" is shown "&", not "&amp;amp;"). Functions of their own: tandem_search_text feeds
 * the stored vectors and the expression indexes, whose words would change under them.
 */
export class HeadlineText1764880000000 implements MigrationInterface {
    name = 'HeadlineText1764880000000'

    public async up(queryRunner: QueryRunner): Promise<void> {
        // A reference to no character (0, a surrogate, past U+10FFFF), which chr() refuses, or of an unknown name is left as written.
        await queryRunner.query(`CREATE FUNCTION tandem_html_character(reference text) RETURNS text
            LANGUAGE sql IMMUTABLE PARALLEL SAFE
            AS $$ SELECT CASE
                WHEN reference ~ '^&#' THEN (
                    SELECT CASE WHEN code BETWEEN 1 AND 1114111 AND code NOT BETWEEN 55296 AND 57343 THEN chr(code) ELSE reference END
                      FROM (SELECT CASE WHEN reference ~ '^&#[xX]' THEN ('x' || lpad(substr(reference, 4, length(reference) - 4), 8, '0'))::bit(32)::integer
                                        ELSE substr(reference, 3, length(reference) - 3)::integer END AS code) parsed)
                WHEN reference = '&amp;' THEN '&'
                WHEN reference = '&lt;' THEN '<'
                WHEN reference = '&gt;' THEN '>'
                WHEN reference = '&quot;' THEN '"'
                WHEN reference = '&apos;' THEN ''''
                WHEN reference = '&nbsp;' THEN ' '
                ELSE reference END $$`);
        // The text cut into references, runs of other text and lone "&", each decoded, put back in order.
        await queryRunner.query(`CREATE FUNCTION tandem_headline_text(body text) RETURNS text
            LANGUAGE sql IMMUTABLE PARALLEL SAFE
            AS $$ SELECT CASE WHEN strpos(plain.text, '&') = 0 THEN plain.text ELSE (
                    SELECT string_agg(public.tandem_html_character(token.matched[1]), '' ORDER BY token.position)
                      FROM regexp_matches(plain.text, '&#[0-9]{1,7};|&#[xX][0-9a-fA-F]{1,6};|&[a-zA-Z]+;|[^&]+|&', 'g') WITH ORDINALITY AS token(matched, position)) END
                  FROM (SELECT public.tandem_search_text(body) AS text) plain $$`);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`DROP FUNCTION tandem_headline_text(text)`);
        await queryRunner.query(`DROP FUNCTION tandem_html_character(text)`);
    }
}
