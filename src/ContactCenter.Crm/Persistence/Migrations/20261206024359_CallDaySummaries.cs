using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ContactCenter.Crm.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class CallDaySummaries : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "call_day_figures",
                columns: table => new
                {
                    day = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    queue_name = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: false),
                    answered_by = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: false),
                    offered = table.Column<long>(type: "bigint", nullable: false),
                    answered = table.Column<long>(type: "bigint", nullable: false),
                    abandoned = table.Column<long>(type: "bigint", nullable: false),
                    answered_in_time = table.Column<long>(type: "bigint", nullable: false),
                    wait_seconds = table.Column<double>(type: "double precision", nullable: false),
                    talk_seconds = table.Column<double>(type: "double precision", nullable: false),
                    ended = table.Column<long>(type: "bigint", nullable: false),
                    longest_wait_seconds = table.Column<double>(type: "double precision", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_call_day_figures", x => new { x.day, x.queue_name, x.answered_by });
                });

            migrationBuilder.CreateTable(
                name: "summarized_call_days",
                columns: table => new
                {
                    day = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    thresholds = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    summarized_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_summarized_call_days", x => x.day);
                });

            // A change to a call of a summarized day (a late event, a correction, a deletion) makes the day stale: the
            // next report summarizes it again. Statement-level with transition tables, so a batch costs one call, and only
            // calls received over five hours ago do anything (the summaries' days close six hours after
            // midnight; the hour between is for clock skew between the database and the hosts). The advisory lock per day
            // (class 8191, day number) orders this against CallDaySummaries summarizing the same day.
            migrationBuilder.Sql("""
                CREATE FUNCTION call_days_stale(days timestamptz[]) RETURNS void LANGUAGE plpgsql AS $$
                DECLARE d timestamptz;
                BEGIN
                    FOR d IN SELECT DISTINCT x FROM unnest(days) AS x WHERE x IS NOT NULL ORDER BY x LOOP
                        PERFORM pg_advisory_xact_lock(8191, (extract(epoch FROM d) / 86400)::int);
                        DELETE FROM summarized_call_days WHERE day = d;
                    END LOOP;
                END $$;
                CREATE FUNCTION calls_inserted_stale() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    PERFORM call_days_stale(ARRAY(SELECT date_bin('1 day', n.received_at, '2001-01-01 00:00:00+00') FROM new_rows n
                        WHERE n.received_at < now() - interval '5 hours'));
                    RETURN NULL;
                END $$;
                CREATE FUNCTION calls_updated_stale() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    PERFORM call_days_stale(ARRAY(
                        SELECT date_bin('1 day', n.received_at, '2001-01-01 00:00:00+00') FROM new_rows n WHERE n.received_at < now() - interval '5 hours'
                        UNION SELECT date_bin('1 day', o.received_at, '2001-01-01 00:00:00+00') FROM old_rows o WHERE o.received_at < now() - interval '5 hours'));
                    RETURN NULL;
                END $$;
                CREATE FUNCTION calls_deleted_stale() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    PERFORM call_days_stale(ARRAY(SELECT date_bin('1 day', o.received_at, '2001-01-01 00:00:00+00') FROM old_rows o
                        WHERE o.received_at < now() - interval '5 hours'));
                    RETURN NULL;
                END $$;
                CREATE TRIGGER calls_inserted_stale AFTER INSERT ON calls REFERENCING NEW TABLE AS new_rows
                    FOR EACH STATEMENT EXECUTE FUNCTION calls_inserted_stale();
                CREATE TRIGGER calls_updated_stale AFTER UPDATE ON calls REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
                    FOR EACH STATEMENT EXECUTE FUNCTION calls_updated_stale();
                CREATE TRIGGER calls_deleted_stale AFTER DELETE ON calls REFERENCING OLD TABLE AS old_rows
                    FOR EACH STATEMENT EXECUTE FUNCTION calls_deleted_stale();
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                DROP TRIGGER calls_inserted_stale ON calls;
                DROP TRIGGER calls_updated_stale ON calls;
                DROP TRIGGER calls_deleted_stale ON calls;
                DROP FUNCTION calls_inserted_stale();
                DROP FUNCTION calls_updated_stale();
                DROP FUNCTION calls_deleted_stale();
                DROP FUNCTION call_days_stale(timestamptz[]);
                """);

            migrationBuilder.DropTable(
                name: "call_day_figures");

            migrationBuilder.DropTable(
                name: "summarized_call_days");
        }
    }
}
