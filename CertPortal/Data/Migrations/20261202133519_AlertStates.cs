using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CertPortal.Data.Migrations
{
    /// <inheritdoc />
    public partial class AlertStates : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateTime>(
                name: "ServedCheckedAt",
                table: "Deployments",
                type: "TEXT",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "AlertStates",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    Key = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    ObjectId = table.Column<Guid>(type: "TEXT", nullable: false),
                    CustomerId = table.Column<Guid>(type: "TEXT", nullable: true),
                    OpenedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    ResolvedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    LastAlertId = table.Column<Guid>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AlertStates", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_AlertStates_Key",
                table: "AlertStates",
                column: "Key",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_AlertStates_Kind_ResolvedAt",
                table: "AlertStates",
                columns: new[] { "Kind", "ResolvedAt" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "AlertStates");

            migrationBuilder.DropColumn(
                name: "ServedCheckedAt",
                table: "Deployments");
        }
    }
}
