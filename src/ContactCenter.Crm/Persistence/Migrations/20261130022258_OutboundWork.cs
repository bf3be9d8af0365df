using System;
using System.Collections.Generic;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ContactCenter.Crm.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class OutboundWork : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_call_tasks_call_list_id",
                table: "call_tasks");

            migrationBuilder.AlterColumn<string>(
                name: "result",
                table: "call_tasks",
                type: "character varying(16)",
                maxLength: 16,
                nullable: true,
                oldClrType: typeof(string),
                oldType: "character varying(400)",
                oldMaxLength: 400,
                oldNullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "completed_at",
                table: "call_tasks",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "next_attempt_at",
                table: "call_tasks",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "position",
                table: "call_tasks",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<int>(
                name: "max_attempts",
                table: "call_lists",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<List<Guid>>(
                name: "operator_ids",
                table: "call_lists",
                type: "uuid[]",
                nullable: false);

            migrationBuilder.CreateTable(
                name: "deliveries",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    order_id = table.Column<Guid>(type: "uuid", nullable: true),
                    client_id = table.Column<Guid>(type: "uuid", nullable: true),
                    consignee_name = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: false),
                    phones = table.Column<List<string>>(type: "text[]", nullable: false),
                    planned_date = table.Column<DateOnly>(type: "date", nullable: false),
                    window = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    status = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    attempts = table.Column<int>(type: "integer", nullable: false),
                    last_attempt_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    last_call_id = table.Column<Guid>(type: "uuid", nullable: true),
                    outcome_notes = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true),
                    outcome_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    outcome_by = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: true),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    created_by = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_deliveries", x => x.id);
                    table.ForeignKey(
                        name: "fk_deliveries_clients_client_id",
                        column: x => x.client_id,
                        principalTable: "clients",
                        principalColumn: "id",
                        onDelete: ReferentialAction.SetNull);
                    table.ForeignKey(
                        name: "fk_deliveries_orders_order_id",
                        column: x => x.order_id,
                        principalTable: "orders",
                        principalColumn: "id",
                        onDelete: ReferentialAction.SetNull);
                });

            migrationBuilder.CreateTable(
                name: "survey_questions",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    call_list_id = table.Column<Guid>(type: "uuid", nullable: false),
                    number = table.Column<int>(type: "integer", nullable: false),
                    text = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: false),
                    kind = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    choices = table.Column<List<string>>(type: "text[]", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_survey_questions", x => x.id);
                    table.ForeignKey(
                        name: "fk_survey_questions_call_lists_call_list_id",
                        column: x => x.call_list_id,
                        principalTable: "call_lists",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "survey_answers",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    call_task_id = table.Column<Guid>(type: "uuid", nullable: false),
                    question_id = table.Column<Guid>(type: "uuid", nullable: false),
                    value = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_survey_answers", x => x.id);
                    table.ForeignKey(
                        name: "fk_survey_answers_call_tasks_call_task_id",
                        column: x => x.call_task_id,
                        principalTable: "call_tasks",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "fk_survey_answers_survey_questions_question_id",
                        column: x => x.question_id,
                        principalTable: "survey_questions",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "ix_call_tasks_call_list_id_position",
                table: "call_tasks",
                columns: new[] { "call_list_id", "position" });

            migrationBuilder.CreateIndex(
                name: "ix_deliveries_client_id",
                table: "deliveries",
                column: "client_id");

            migrationBuilder.CreateIndex(
                name: "ix_deliveries_order_id",
                table: "deliveries",
                column: "order_id");

            migrationBuilder.CreateIndex(
                name: "ix_deliveries_planned_date_status",
                table: "deliveries",
                columns: new[] { "planned_date", "status" });

            migrationBuilder.CreateIndex(
                name: "ix_survey_answers_call_task_id_question_id",
                table: "survey_answers",
                columns: new[] { "call_task_id", "question_id" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_survey_answers_question_id",
                table: "survey_answers",
                column: "question_id");

            migrationBuilder.CreateIndex(
                name: "ix_survey_questions_call_list_id_number",
                table: "survey_questions",
                columns: new[] { "call_list_id", "number" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "deliveries");

            migrationBuilder.DropTable(
                name: "survey_answers");

            migrationBuilder.DropTable(
                name: "survey_questions");

            migrationBuilder.DropIndex(
                name: "ix_call_tasks_call_list_id_position",
                table: "call_tasks");

            migrationBuilder.DropColumn(
                name: "completed_at",
                table: "call_tasks");

            migrationBuilder.DropColumn(
                name: "next_attempt_at",
                table: "call_tasks");

            migrationBuilder.DropColumn(
                name: "position",
                table: "call_tasks");

            migrationBuilder.DropColumn(
                name: "max_attempts",
                table: "call_lists");

            migrationBuilder.DropColumn(
                name: "operator_ids",
                table: "call_lists");

            migrationBuilder.AlterColumn<string>(
                name: "result",
                table: "call_tasks",
                type: "character varying(400)",
                maxLength: 400,
                nullable: true,
                oldClrType: typeof(string),
                oldType: "character varying(16)",
                oldMaxLength: 16,
                oldNullable: true);

            migrationBuilder.CreateIndex(
                name: "ix_call_tasks_call_list_id",
                table: "call_tasks",
                column: "call_list_id");
        }
    }
}
