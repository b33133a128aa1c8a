using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CertPortal.Data.Migrations
{
    /// <inheritdoc />
    public partial class Watch : Migration
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

            migrationBuilder.AddColumn<DateTime>(
                name: "ServedCheckedAt",
                table: "Deployments",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "SpreadFrom",
                table: "Certificates",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "SpreadReason",
                table: "Certificates",
                type: "TEXT",
                maxLength: 500,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "KeyAlgorithm",
                table: "CertificateVersions",
                type: "TEXT",
                maxLength: 32,
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "KeySize",
                table: "CertificateVersions",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "SignatureAlgorithm",
                table: "CertificateVersions",
                type: "TEXT",
                maxLength: 64,
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

            migrationBuilder.CreateTable(
                name: "NotificationChannels",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false, collation: "NOCASE"),
                    Type = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    CustomerId = table.Column<Guid>(type: "TEXT", nullable: true),
                    Events = table.Column<string>(type: "TEXT", nullable: false),
                    Settings = table.Column<string>(type: "TEXT", nullable: false),
                    SealedSecrets = table.Column<string>(type: "TEXT", nullable: true),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    UpdatedAt = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_NotificationChannels", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "Notifications",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    AlertId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    CustomerId = table.Column<Guid>(type: "TEXT", nullable: true),
                    ObjectType = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    ObjectId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Channel = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    ChannelId = table.Column<Guid>(type: "TEXT", nullable: true),
                    To = table.Column<string>(type: "TEXT", maxLength: 320, nullable: false),
                    Subject = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: false),
                    Body = table.Column<string>(type: "TEXT", nullable: false),
                    Outcome = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    Attempts = table.Column<int>(type: "INTEGER", nullable: false),
                    NextAttemptAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    Error = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    At = table.Column<DateTime>(type: "TEXT", nullable: false),
                    LastAttemptAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    SentAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    ClaimedUntil = table.Column<DateTime>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Notifications", x => x.Id);
                });

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

            migrationBuilder.CreateIndex(
                name: "IX_AlertStates_Key",
                table: "AlertStates",
                column: "Key",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_AlertStates_Kind_ResolvedAt",
                table: "AlertStates",
                columns: new[] { "Kind", "ResolvedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_NotificationChannels_Name",
                table: "NotificationChannels",
                column: "Name",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Notifications_At",
                table: "Notifications",
                column: "At");

            migrationBuilder.CreateIndex(
                name: "IX_Notifications_CustomerId_At",
                table: "Notifications",
                columns: new[] { "CustomerId", "At" });

            migrationBuilder.CreateIndex(
                name: "IX_Notifications_Outcome_NextAttemptAt",
                table: "Notifications",
                columns: new[] { "Outcome", "NextAttemptAt" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "AlertStates");

            migrationBuilder.DropTable(
                name: "NotificationChannels");

            migrationBuilder.DropTable(
                name: "Notifications");

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

            migrationBuilder.DropColumn(
                name: "ServedCheckedAt",
                table: "Deployments");

            migrationBuilder.DropColumn(
                name: "SpreadFrom",
                table: "Certificates");

            migrationBuilder.DropColumn(
                name: "SpreadReason",
                table: "Certificates");

            migrationBuilder.DropColumn(
                name: "KeyAlgorithm",
                table: "CertificateVersions");

            migrationBuilder.DropColumn(
                name: "KeySize",
                table: "CertificateVersions");

            migrationBuilder.DropColumn(
                name: "SignatureAlgorithm",
                table: "CertificateVersions");

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
