using System.Collections.Generic;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ContactCenter.Crm.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class TrunkCodecsAndSecurity : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<List<string>>(
                name: "codecs",
                table: "trunks",
                type: "text[]",
                nullable: false,
                defaultValueSql: "'{}'::text[]"); // existing trunks: the engine's default codecs

            migrationBuilder.AddColumn<bool>(
                name: "require_tls_and_srtp",
                table: "trunks",
                type: "boolean",
                nullable: false,
                defaultValue: false);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "codecs",
                table: "trunks");

            migrationBuilder.DropColumn(
                name: "require_tls_and_srtp",
                table: "trunks");
        }
    }
}
