using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CertPortal.Data.Migrations
{
    /// <inheritdoc />
    public partial class RevocationBaseUrlForeignKeysTestPassed : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // Deletes were not always guarded, so a portal's database may hold rows pointing at something gone; the
            // keys below would keep them silently (SQLite checks only new writes). Rows meaningless without their
            // parent go, optional references are cleared; parents first, so what their removal orphans goes too.
            migrationBuilder.Sql("""
                DELETE FROM Certificates WHERE CustomerId NOT IN (SELECT Id FROM Customers);
                DELETE FROM Targets WHERE CustomerId NOT IN (SELECT Id FROM Customers);
                DELETE FROM DnsProviders WHERE CustomerId NOT IN (SELECT Id FROM Customers);
                DELETE FROM AcmeAccounts WHERE CustomerId IS NOT NULL AND CustomerId NOT IN (SELECT Id FROM Customers);
                DELETE FROM CertificateAuthorities WHERE CustomerId IS NOT NULL AND CustomerId NOT IN (SELECT Id FROM Customers);
                UPDATE CertificateAuthorities SET ParentCaId = NULL
                    WHERE ParentCaId IS NOT NULL AND ParentCaId NOT IN (SELECT Id FROM CertificateAuthorities);
                DELETE FROM ClientCertificates
                    WHERE CustomerId NOT IN (SELECT Id FROM Customers) OR CaId NOT IN (SELECT Id FROM CertificateAuthorities);
                UPDATE ClientCertificates SET RenewedFromId = NULL
                    WHERE RenewedFromId IS NOT NULL AND RenewedFromId NOT IN (SELECT Id FROM ClientCertificates);
                UPDATE Certificates SET DnsProviderId = NULL
                    WHERE DnsProviderId IS NOT NULL AND DnsProviderId NOT IN (SELECT Id FROM DnsProviders);
                UPDATE Certificates SET AcmeAccountId = NULL
                    WHERE AcmeAccountId IS NOT NULL AND AcmeAccountId NOT IN (SELECT Id FROM AcmeAccounts);
                DELETE FROM Deployments WHERE CustomerId NOT IN (SELECT Id FROM Customers)
                    OR CertificateId NOT IN (SELECT Id FROM Certificates) OR TargetId NOT IN (SELECT Id FROM Targets);
                DELETE FROM DeploymentRuns WHERE DeploymentId NOT IN (SELECT Id FROM Deployments);
                DELETE FROM CertificateVersions WHERE CertificateId NOT IN (SELECT Id FROM Certificates);
                DELETE FROM IssuanceRuns WHERE CertificateId NOT IN (SELECT Id FROM Certificates);
                """);

            migrationBuilder.AddColumn<DateTime>(
                name: "TestPassedAt",
                table: "Targets",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "RevocationBaseUrl",
                table: "CertificateAuthorities",
                type: "TEXT",
                maxLength: 500,
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "IX_Deployments_CustomerId",
                table: "Deployments",
                column: "CustomerId");

            migrationBuilder.CreateIndex(
                name: "IX_ClientCertificates_RenewedFromId",
                table: "ClientCertificates",
                column: "RenewedFromId");

            migrationBuilder.CreateIndex(
                name: "IX_Certificates_AcmeAccountId",
                table: "Certificates",
                column: "AcmeAccountId");

            migrationBuilder.CreateIndex(
                name: "IX_Certificates_DnsProviderId",
                table: "Certificates",
                column: "DnsProviderId");

            migrationBuilder.AddForeignKey(
                name: "FK_AcmeAccounts_Customers_CustomerId",
                table: "AcmeAccounts",
                column: "CustomerId",
                principalTable: "Customers",
                principalColumn: "Id",
                onDelete: ReferentialAction.Restrict);

            migrationBuilder.AddForeignKey(
                name: "FK_CertificateAuthorities_CertificateAuthorities_ParentCaId",
                table: "CertificateAuthorities",
                column: "ParentCaId",
                principalTable: "CertificateAuthorities",
                principalColumn: "Id",
                onDelete: ReferentialAction.Restrict);

            migrationBuilder.AddForeignKey(
                name: "FK_CertificateAuthorities_Customers_CustomerId",
                table: "CertificateAuthorities",
                column: "CustomerId",
                principalTable: "Customers",
                principalColumn: "Id",
                onDelete: ReferentialAction.Restrict);

            migrationBuilder.AddForeignKey(
                name: "FK_Certificates_AcmeAccounts_AcmeAccountId",
                table: "Certificates",
                column: "AcmeAccountId",
                principalTable: "AcmeAccounts",
                principalColumn: "Id",
                onDelete: ReferentialAction.Restrict);

            migrationBuilder.AddForeignKey(
                name: "FK_Certificates_Customers_CustomerId",
                table: "Certificates",
                column: "CustomerId",
                principalTable: "Customers",
                principalColumn: "Id",
                onDelete: ReferentialAction.Restrict);

            migrationBuilder.AddForeignKey(
                name: "FK_Certificates_DnsProviders_DnsProviderId",
                table: "Certificates",
                column: "DnsProviderId",
                principalTable: "DnsProviders",
                principalColumn: "Id",
                onDelete: ReferentialAction.SetNull);

            migrationBuilder.AddForeignKey(
                name: "FK_ClientCertificates_CertificateAuthorities_CaId",
                table: "ClientCertificates",
                column: "CaId",
                principalTable: "CertificateAuthorities",
                principalColumn: "Id",
                onDelete: ReferentialAction.Restrict);

            migrationBuilder.AddForeignKey(
                name: "FK_ClientCertificates_ClientCertificates_RenewedFromId",
                table: "ClientCertificates",
                column: "RenewedFromId",
                principalTable: "ClientCertificates",
                principalColumn: "Id",
                onDelete: ReferentialAction.Restrict);

            migrationBuilder.AddForeignKey(
                name: "FK_ClientCertificates_Customers_CustomerId",
                table: "ClientCertificates",
                column: "CustomerId",
                principalTable: "Customers",
                principalColumn: "Id",
                onDelete: ReferentialAction.Restrict);

            migrationBuilder.AddForeignKey(
                name: "FK_Deployments_Certificates_CertificateId",
                table: "Deployments",
                column: "CertificateId",
                principalTable: "Certificates",
                principalColumn: "Id",
                onDelete: ReferentialAction.Restrict);

            migrationBuilder.AddForeignKey(
                name: "FK_Deployments_Customers_CustomerId",
                table: "Deployments",
                column: "CustomerId",
                principalTable: "Customers",
                principalColumn: "Id",
                onDelete: ReferentialAction.Restrict);

            migrationBuilder.AddForeignKey(
                name: "FK_Deployments_Targets_TargetId",
                table: "Deployments",
                column: "TargetId",
                principalTable: "Targets",
                principalColumn: "Id",
                onDelete: ReferentialAction.Restrict);

            migrationBuilder.AddForeignKey(
                name: "FK_DnsProviders_Customers_CustomerId",
                table: "DnsProviders",
                column: "CustomerId",
                principalTable: "Customers",
                principalColumn: "Id",
                onDelete: ReferentialAction.Restrict);

            migrationBuilder.AddForeignKey(
                name: "FK_Targets_Customers_CustomerId",
                table: "Targets",
                column: "CustomerId",
                principalTable: "Customers",
                principalColumn: "Id",
                onDelete: ReferentialAction.Restrict);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "FK_AcmeAccounts_Customers_CustomerId",
                table: "AcmeAccounts");

            migrationBuilder.DropForeignKey(
                name: "FK_CertificateAuthorities_CertificateAuthorities_ParentCaId",
                table: "CertificateAuthorities");

            migrationBuilder.DropForeignKey(
                name: "FK_CertificateAuthorities_Customers_CustomerId",
                table: "CertificateAuthorities");

            migrationBuilder.DropForeignKey(
                name: "FK_Certificates_AcmeAccounts_AcmeAccountId",
                table: "Certificates");

            migrationBuilder.DropForeignKey(
                name: "FK_Certificates_Customers_CustomerId",
                table: "Certificates");

            migrationBuilder.DropForeignKey(
                name: "FK_Certificates_DnsProviders_DnsProviderId",
                table: "Certificates");

            migrationBuilder.DropForeignKey(
                name: "FK_ClientCertificates_CertificateAuthorities_CaId",
                table: "ClientCertificates");

            migrationBuilder.DropForeignKey(
                name: "FK_ClientCertificates_ClientCertificates_RenewedFromId",
                table: "ClientCertificates");

            migrationBuilder.DropForeignKey(
                name: "FK_ClientCertificates_Customers_CustomerId",
                table: "ClientCertificates");

            migrationBuilder.DropForeignKey(
                name: "FK_Deployments_Certificates_CertificateId",
                table: "Deployments");

            migrationBuilder.DropForeignKey(
                name: "FK_Deployments_Customers_CustomerId",
                table: "Deployments");

            migrationBuilder.DropForeignKey(
                name: "FK_Deployments_Targets_TargetId",
                table: "Deployments");

            migrationBuilder.DropForeignKey(
                name: "FK_DnsProviders_Customers_CustomerId",
                table: "DnsProviders");

            migrationBuilder.DropForeignKey(
                name: "FK_Targets_Customers_CustomerId",
                table: "Targets");

            migrationBuilder.DropIndex(
                name: "IX_Deployments_CustomerId",
                table: "Deployments");

            migrationBuilder.DropIndex(
                name: "IX_ClientCertificates_RenewedFromId",
                table: "ClientCertificates");

            migrationBuilder.DropIndex(
                name: "IX_Certificates_AcmeAccountId",
                table: "Certificates");

            migrationBuilder.DropIndex(
                name: "IX_Certificates_DnsProviderId",
                table: "Certificates");

            migrationBuilder.DropColumn(
                name: "TestPassedAt",
                table: "Targets");

            migrationBuilder.DropColumn(
                name: "RevocationBaseUrl",
                table: "CertificateAuthorities");
        }
    }
}
