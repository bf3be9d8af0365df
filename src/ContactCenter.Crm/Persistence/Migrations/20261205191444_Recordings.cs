using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ContactCenter.Crm.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class Recordings : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "recordings",
                columns: table => new
                {
                    call_id = table.Column<Guid>(type: "uuid", nullable: false),
                    path = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: false),
                    duration = table.Column<TimeSpan>(type: "interval", nullable: false),
                    recorded_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    deleted_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_recordings", x => x.call_id);
                    table.ForeignKey(
                        name: "fk_recordings_calls_call_id",
                        column: x => x.call_id,
                        principalTable: "calls",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "ix_recordings_recorded_at",
                table: "recordings",
                column: "recorded_at");

            // Recordings logged before the catalogue existed: the latest RecordingAvailable of each call.
            migrationBuilder.Sql("""
                INSERT INTO recordings (call_id, path, duration, recorded_at)
                SELECT DISTINCT ON (e.call_id) e.call_id, e.data->>'path', coalesce((e.data->>'duration')::interval, interval '0'), e.occurred_at
                FROM call_events e
                WHERE e.type = 'RecordingAvailable' AND e.data->>'path' IS NOT NULL
                ORDER BY e.call_id, e.sequence DESC
                ON CONFLICT (call_id) DO NOTHING
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "recordings");
        }
    }
}
