using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ContactCenter.Crm.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class VoicemailTasks : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<Guid>(
                name: "voicemail_call_id",
                table: "call_tasks",
                type: "uuid",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "queue",
                table: "call_lists",
                type: "character varying(64)",
                maxLength: 64,
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "ix_call_tasks_voicemail_call_id",
                table: "call_tasks",
                column: "voicemail_call_id",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_call_lists_queue",
                table: "call_lists",
                column: "queue",
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_call_tasks_voicemail_call_id",
                table: "call_tasks");

            migrationBuilder.DropIndex(
                name: "ix_call_lists_queue",
                table: "call_lists");

            migrationBuilder.DropColumn(
                name: "voicemail_call_id",
                table: "call_tasks");

            migrationBuilder.DropColumn(
                name: "queue",
                table: "call_lists");
        }
    }
}
