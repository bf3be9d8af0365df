using System;
using System.Collections.Generic;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ContactCenter.Crm.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class Trunks : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "trunk",
                table: "calls",
                type: "character varying(40)",
                maxLength: 40,
                nullable: true);

            migrationBuilder.CreateTable(
                name: "trunks",
                columns: table => new
                {
                    name = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    address = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    port = table.Column<int>(type: "integer", nullable: false),
                    transport = table.Column<string>(type: "character varying(8)", maxLength: 8, nullable: false),
                    source_addresses = table.Column<List<string>>(type: "text[]", nullable: false),
                    auth_user = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    password = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    realm = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    register = table.Column<bool>(type: "boolean", nullable: false),
                    register_user = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    register_domain = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    register_expires = table.Column<int>(type: "integer", nullable: false),
                    caller_id = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: true),
                    prefixes = table.Column<List<string>>(type: "text[]", nullable: false),
                    priority = table.Column<int>(type: "integer", nullable: false),
                    is_enabled = table.Column<bool>(type: "boolean", nullable: false),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_trunks", x => x.name);
                });

            migrationBuilder.CreateTable(
                name: "trunk_numbers",
                columns: table => new
                {
                    number = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    trunk_name = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    target = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_trunk_numbers", x => x.number);
                    table.ForeignKey(
                        name: "fk_trunk_numbers_trunks_trunk_name",
                        column: x => x.trunk_name,
                        principalTable: "trunks",
                        principalColumn: "name",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "ix_trunk_numbers_trunk_name",
                table: "trunk_numbers",
                column: "trunk_name");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "trunk_numbers");

            migrationBuilder.DropTable(
                name: "trunks");

            migrationBuilder.DropColumn(
                name: "trunk",
                table: "calls");
        }
    }
}
