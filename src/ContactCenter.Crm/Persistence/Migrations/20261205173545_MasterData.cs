using System;
using System.Collections.Generic;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ContactCenter.Crm.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class MasterData : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "external_id",
                table: "receivables",
                type: "character varying(64)",
                maxLength: 64,
                nullable: true);

            migrationBuilder.AddColumn<DateOnly>(
                name: "paid_on",
                table: "receivables",
                type: "date",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "external_id",
                table: "clients",
                type: "character varying(64)",
                maxLength: 64,
                nullable: true);

            migrationBuilder.AddColumn<List<string>>(
                name: "receivers",
                table: "clients",
                type: "text[]",
                nullable: false,
                defaultValueSql: "'{}'::text[]");

            migrationBuilder.CreateIndex(
                name: "ix_receivables_external_id",
                table: "receivables",
                column: "external_id",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_clients_external_id",
                table: "clients",
                column: "external_id",
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_receivables_external_id",
                table: "receivables");

            migrationBuilder.DropIndex(
                name: "ix_clients_external_id",
                table: "clients");

            migrationBuilder.DropColumn(
                name: "external_id",
                table: "receivables");

            migrationBuilder.DropColumn(
                name: "paid_on",
                table: "receivables");

            migrationBuilder.DropColumn(
                name: "external_id",
                table: "clients");

            migrationBuilder.DropColumn(
                name: "receivers",
                table: "clients");
        }
    }
}
