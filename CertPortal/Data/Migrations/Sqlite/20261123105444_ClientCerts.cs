using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CertPortal.Data.Migrations
{
    /// <inheritdoc />
    public partial class ClientCerts : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "ClientCertificates",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    CustomerId = table.Column<Guid>(type: "TEXT", nullable: false),
                    CaId = table.Column<Guid>(type: "TEXT", nullable: false),
                    CommonName = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false, collation: "NOCASE"),
                    Email = table.Column<string>(type: "TEXT", maxLength: 255, nullable: true, collation: "NOCASE"),
                    Organization = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    Usage = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    SubjectAlternativeNames = table.Column<string>(type: "TEXT", nullable: false),
                    KeyType = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    ValidityDays = table.Column<int>(type: "INTEGER", nullable: false),
                    Subject = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: false),
                    SerialNumber = table.Column<string>(type: "TEXT", maxLength: 42, nullable: false),
                    NotBefore = table.Column<DateTime>(type: "TEXT", nullable: false),
                    NotAfter = table.Column<DateTime>(type: "TEXT", nullable: false),
                    ThumbprintSha256 = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    CertificatePem = table.Column<string>(type: "TEXT", nullable: false),
                    ChainPem = table.Column<string>(type: "TEXT", nullable: false),
                    SealedPrivateKey = table.Column<string>(type: "TEXT", nullable: true),
                    Status = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    RevokedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    RevocationReason = table.Column<string>(type: "TEXT", maxLength: 32, nullable: true),
                    RenewedFromId = table.Column<Guid>(type: "TEXT", nullable: true),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ClientCertificates", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_ClientCertificates_CaId_SerialNumber",
                table: "ClientCertificates",
                columns: new[] { "CaId", "SerialNumber" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_ClientCertificates_CustomerId",
                table: "ClientCertificates",
                column: "CustomerId");

            migrationBuilder.CreateIndex(
                name: "IX_ClientCertificates_NotAfter",
                table: "ClientCertificates",
                column: "NotAfter");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "ClientCertificates");
        }
    }
}
