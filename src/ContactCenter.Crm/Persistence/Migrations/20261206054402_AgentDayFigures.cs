using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ContactCenter.Crm.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class AgentDayFigures : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "agent_day_figures",
                columns: table => new
                {
                    day = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    extension = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: false),
                    outbound = table.Column<long>(type: "bigint", nullable: false),
                    abandoned_at_agent = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_agent_day_figures", x => new { x.day, x.extension });
                });

            // Days summarized before this table existed have no agent figures: summarize them again on first use.
            migrationBuilder.Sql("DELETE FROM summarized_call_days;");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "agent_day_figures");
        }
    }
}
