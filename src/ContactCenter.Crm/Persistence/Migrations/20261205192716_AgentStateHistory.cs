using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ContactCenter.Crm.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class AgentStateHistory : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "agent_state_history",
                columns: table => new
                {
                    event_id = table.Column<Guid>(type: "uuid", nullable: false),
                    agent_extension = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    occurred_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    state = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    reason = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_agent_state_history", x => x.event_id);
                });

            migrationBuilder.CreateIndex(
                name: "ix_agent_state_history_agent_extension_occurred_at",
                table: "agent_state_history",
                columns: new[] { "agent_extension", "occurred_at" });

            migrationBuilder.CreateIndex(
                name: "ix_agent_state_history_occurred_at",
                table: "agent_state_history",
                column: "occurred_at");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "agent_state_history");
        }
    }
}
