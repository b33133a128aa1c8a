using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CertPortal.Data.Migrations
{
    /// <inheritdoc />
    public partial class DashboardIndexes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_DeploymentRuns_DeploymentId_QueuedAt",
                table: "DeploymentRuns");

            migrationBuilder.DropIndex(
                name: "IX_Certificates_CustomerId",
                table: "Certificates");

            migrationBuilder.CreateIndex(
                name: "IX_IssuanceRuns_FinishedAt_Status",
                table: "IssuanceRuns",
                columns: new[] { "FinishedAt", "Status" });

            migrationBuilder.CreateIndex(
                name: "IX_DeploymentRuns_DeploymentId_QueuedAt_Status_AwaitingPerson",
                table: "DeploymentRuns",
                columns: new[] { "DeploymentId", "QueuedAt", "Status", "AwaitingPerson" });

            migrationBuilder.CreateIndex(
                name: "IX_DeploymentRuns_FinishedAt_Status",
                table: "DeploymentRuns",
                columns: new[] { "FinishedAt", "Status" });

            migrationBuilder.CreateIndex(
                name: "IX_Certificates_CustomerId_Status_NotAfter",
                table: "Certificates",
                columns: new[] { "CustomerId", "Status", "NotAfter" });

            migrationBuilder.CreateIndex(
                name: "IX_Certificates_NotAfter",
                table: "Certificates",
                column: "NotAfter");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_IssuanceRuns_FinishedAt_Status",
                table: "IssuanceRuns");

            migrationBuilder.DropIndex(
                name: "IX_DeploymentRuns_DeploymentId_QueuedAt_Status_AwaitingPerson",
                table: "DeploymentRuns");

            migrationBuilder.DropIndex(
                name: "IX_DeploymentRuns_FinishedAt_Status",
                table: "DeploymentRuns");

            migrationBuilder.DropIndex(
                name: "IX_Certificates_CustomerId_Status_NotAfter",
                table: "Certificates");

            migrationBuilder.DropIndex(
                name: "IX_Certificates_NotAfter",
                table: "Certificates");

            migrationBuilder.CreateIndex(
                name: "IX_DeploymentRuns_DeploymentId_QueuedAt",
                table: "DeploymentRuns",
                columns: new[] { "DeploymentId", "QueuedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_Certificates_CustomerId",
                table: "Certificates",
                column: "CustomerId");
        }
    }
}
