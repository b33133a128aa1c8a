using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CertPortal.Data.Migrations
{
    /// <inheritdoc />
    public partial class TrustDeployments : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "TrustDeployments",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    CustomerId = table.Column<Guid>(type: "TEXT", nullable: false),
                    CaId = table.Column<Guid>(type: "TEXT", nullable: false),
                    TargetId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Options = table.Column<string>(type: "TEXT", nullable: false),
                    AutoPush = table.Column<bool>(type: "INTEGER", nullable: false),
                    VerifiedCrlNumber = table.Column<long>(type: "INTEGER", nullable: true),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_TrustDeployments", x => x.Id);
                    table.ForeignKey(
                        name: "FK_TrustDeployments_CertificateAuthorities_CaId",
                        column: x => x.CaId,
                        principalTable: "CertificateAuthorities",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_TrustDeployments_Customers_CustomerId",
                        column: x => x.CustomerId,
                        principalTable: "Customers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_TrustDeployments_Targets_TargetId",
                        column: x => x.TargetId,
                        principalTable: "Targets",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "TrustRuns",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    TrustDeploymentId = table.Column<Guid>(type: "TEXT", nullable: false),
                    CrlNumber = table.Column<long>(type: "INTEGER", nullable: false),
                    Status = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    Steps = table.Column<string>(type: "TEXT", nullable: false),
                    TriggeredBy = table.Column<string>(type: "TEXT", nullable: false),
                    Forced = table.Column<bool>(type: "INTEGER", nullable: false),
                    Attempt = table.Column<int>(type: "INTEGER", nullable: false),
                    NotBefore = table.Column<DateTime>(type: "TEXT", nullable: true),
                    QueuedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    StartedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    FinishedAt = table.Column<DateTime>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_TrustRuns", x => x.Id);
                    table.ForeignKey(
                        name: "FK_TrustRuns_TrustDeployments_TrustDeploymentId",
                        column: x => x.TrustDeploymentId,
                        principalTable: "TrustDeployments",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_TrustDeployments_CaId_TargetId",
                table: "TrustDeployments",
                columns: new[] { "CaId", "TargetId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_TrustDeployments_CustomerId",
                table: "TrustDeployments",
                column: "CustomerId");

            migrationBuilder.CreateIndex(
                name: "IX_TrustDeployments_TargetId",
                table: "TrustDeployments",
                column: "TargetId");

            migrationBuilder.CreateIndex(
                name: "IX_TrustRuns_Status",
                table: "TrustRuns",
                column: "Status");

            migrationBuilder.CreateIndex(
                name: "IX_TrustRuns_TrustDeploymentId_QueuedAt",
                table: "TrustRuns",
                columns: new[] { "TrustDeploymentId", "QueuedAt" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "TrustRuns");

            migrationBuilder.DropTable(
                name: "TrustDeployments");
        }
    }
}
