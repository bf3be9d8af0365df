using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ContactCenter.Crm.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class Promotions : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<decimal>(
                name: "discount_percent",
                table: "order_lines",
                type: "numeric(14,2)",
                precision: 14,
                scale: 2,
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "is_bonus",
                table: "order_lines",
                type: "boolean",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<decimal>(
                name: "list_price",
                table: "order_lines",
                type: "numeric(14,2)",
                precision: 14,
                scale: 2,
                nullable: false,
                defaultValue: 0m);

            // Lines taken before promotions existed were charged their column price.
            migrationBuilder.Sql("UPDATE order_lines SET list_price = unit_price;");

            migrationBuilder.AddColumn<Guid>(
                name: "promotion_id",
                table: "order_lines",
                type: "uuid",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "promotions",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    description = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    starts_on = table.Column<DateOnly>(type: "date", nullable: false),
                    ends_on = table.Column<DateOnly>(type: "date", nullable: false),
                    discount_percent = table.Column<decimal>(type: "numeric(5,2)", precision: 5, scale: 2, nullable: true),
                    bonus_product_id = table.Column<Guid>(type: "uuid", nullable: true),
                    bonus_quantity = table.Column<decimal>(type: "numeric(12,3)", precision: 12, scale: 3, nullable: true),
                    is_active = table.Column<bool>(type: "boolean", nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    created_by = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_promotions", x => x.id);
                    table.CheckConstraint("ck_promotions_benefit", "discount_percent IS NOT NULL OR bonus_product_id IS NOT NULL");
                    table.CheckConstraint("ck_promotions_period", "ends_on >= starts_on");
                    table.ForeignKey(
                        name: "fk_promotions_products_bonus_product_id",
                        column: x => x.bonus_product_id,
                        principalTable: "products",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "order_promotions",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    order_id = table.Column<Guid>(type: "uuid", nullable: false),
                    promotion_id = table.Column<Guid>(type: "uuid", nullable: false),
                    accepted = table.Column<bool>(type: "boolean", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_order_promotions", x => x.id);
                    table.ForeignKey(
                        name: "fk_order_promotions_orders_order_id",
                        column: x => x.order_id,
                        principalTable: "orders",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "fk_order_promotions_promotions_promotion_id",
                        column: x => x.promotion_id,
                        principalTable: "promotions",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "promotion_client_types",
                columns: table => new
                {
                    client_types_id = table.Column<Guid>(type: "uuid", nullable: false),
                    promotion_id = table.Column<Guid>(type: "uuid", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_promotion_client_types", x => new { x.client_types_id, x.promotion_id });
                    table.ForeignKey(
                        name: "fk_promotion_client_types_client_types_client_types_id",
                        column: x => x.client_types_id,
                        principalTable: "client_types",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "fk_promotion_client_types_promotions_promotion_id",
                        column: x => x.promotion_id,
                        principalTable: "promotions",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "promotion_products",
                columns: table => new
                {
                    products_id = table.Column<Guid>(type: "uuid", nullable: false),
                    promotion_id = table.Column<Guid>(type: "uuid", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_promotion_products", x => new { x.products_id, x.promotion_id });
                    table.ForeignKey(
                        name: "fk_promotion_products_products_products_id",
                        column: x => x.products_id,
                        principalTable: "products",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "fk_promotion_products_promotions_promotion_id",
                        column: x => x.promotion_id,
                        principalTable: "promotions",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "ix_order_promotions_order_id_promotion_id",
                table: "order_promotions",
                columns: new[] { "order_id", "promotion_id" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_order_promotions_promotion_id",
                table: "order_promotions",
                column: "promotion_id");

            migrationBuilder.CreateIndex(
                name: "ix_promotion_client_types_promotion_id",
                table: "promotion_client_types",
                column: "promotion_id");

            migrationBuilder.CreateIndex(
                name: "ix_promotion_products_promotion_id",
                table: "promotion_products",
                column: "promotion_id");

            migrationBuilder.CreateIndex(
                name: "ix_promotions_bonus_product_id",
                table: "promotions",
                column: "bonus_product_id");

            migrationBuilder.CreateIndex(
                name: "ix_promotions_starts_on_ends_on",
                table: "promotions",
                columns: new[] { "starts_on", "ends_on" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "order_promotions");

            migrationBuilder.DropTable(
                name: "promotion_client_types");

            migrationBuilder.DropTable(
                name: "promotion_products");

            migrationBuilder.DropTable(
                name: "promotions");

            migrationBuilder.DropColumn(
                name: "discount_percent",
                table: "order_lines");

            migrationBuilder.DropColumn(
                name: "is_bonus",
                table: "order_lines");

            migrationBuilder.DropColumn(
                name: "list_price",
                table: "order_lines");

            migrationBuilder.DropColumn(
                name: "promotion_id",
                table: "order_lines");
        }
    }
}
