using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CertPortal.Data.Migrations.Postgres
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
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    CustomerId = table.Column<Guid>(type: "uuid", nullable: false),
                    CaId = table.Column<Guid>(type: "uuid", nullable: false),
                    TargetId = table.Column<Guid>(type: "uuid", nullable: false),
                    Options = table.Column<string>(type: "text", nullable: false),
                    AutoPush = table.Column<bool>(type: "boolean", nullable: false),
                    VerifiedCrlNumber = table.Column<long>(type: "bigint", nullable: true),
                    CreatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
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
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    TrustDeploymentId = table.Column<Guid>(type: "uuid", nullable: false),
                    CrlNumber = table.Column<long>(type: "bigint", nullable: false),
                    Status = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    Steps = table.Column<string>(type: "text", nullable: false),
                    TriggeredBy = table.Column<string>(type: "text", nullable: false),
                    Forced = table.Column<bool>(type: "boolean", nullable: false),
                    Attempt = table.Column<int>(type: "integer", nullable: false),
                    NotBefore = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    QueuedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    StartedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    FinishedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true)
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
