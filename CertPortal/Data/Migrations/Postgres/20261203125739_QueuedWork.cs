using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CertPortal.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class QueuedWork : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "QueuedWork",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    Kind = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    SubjectId = table.Column<Guid>(type: "uuid", nullable: false),
                    LockKey = table.Column<Guid>(type: "uuid", nullable: false),
                    QueuedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    ClaimedBy = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: true),
                    LeaseUntil = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    Again = table.Column<bool>(type: "boolean", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_QueuedWork", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_QueuedWork_Kind_LockKey",
                table: "QueuedWork",
                columns: new[] { "Kind", "LockKey" });

            migrationBuilder.CreateIndex(
                name: "IX_QueuedWork_Kind_QueuedAt",
                table: "QueuedWork",
                columns: new[] { "Kind", "QueuedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_QueuedWork_Kind_SubjectId",
                table: "QueuedWork",
                columns: new[] { "Kind", "SubjectId" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "QueuedWork");
        }
    }
}
