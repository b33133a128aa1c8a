using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CertPortal.Data.Migrations
{
    /// <inheritdoc />
    public partial class CertificateAuthorities : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "CertificateAuthorities",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    CustomerId = table.Column<Guid>(type: "TEXT", nullable: true),
                    Name = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false, collation: "NOCASE"),
                    Subject = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: false),
                    KeyType = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    ParentCaId = table.Column<Guid>(type: "TEXT", nullable: true),
                    Imported = table.Column<bool>(type: "INTEGER", nullable: false),
                    CertificatePem = table.Column<string>(type: "TEXT", nullable: false),
                    UpstreamChainPem = table.Column<string>(type: "TEXT", nullable: false),
                    SealedPrivateKey = table.Column<string>(type: "TEXT", nullable: false),
                    SerialNumber = table.Column<string>(type: "TEXT", nullable: false),
                    ThumbprintSha256 = table.Column<string>(type: "TEXT", nullable: false),
                    NotBefore = table.Column<DateTime>(type: "TEXT", nullable: false),
                    NotAfter = table.Column<DateTime>(type: "TEXT", nullable: false),
                    OcspSignerPem = table.Column<string>(type: "TEXT", nullable: true),
                    SealedOcspSignerKey = table.Column<string>(type: "TEXT", nullable: true),
                    CrlNumber = table.Column<long>(type: "INTEGER", nullable: false),
                    CrlDer = table.Column<byte[]>(type: "BLOB", nullable: true),
                    CrlThisUpdate = table.Column<DateTime>(type: "TEXT", nullable: true),
                    CrlNextUpdate = table.Column<DateTime>(type: "TEXT", nullable: true),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CertificateAuthorities", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_CertificateAuthorities_CustomerId",
                table: "CertificateAuthorities",
                column: "CustomerId");

            migrationBuilder.CreateIndex(
                name: "IX_CertificateAuthorities_ParentCaId_SerialNumber",
                table: "CertificateAuthorities",
                columns: new[] { "ParentCaId", "SerialNumber" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "CertificateAuthorities");
        }
    }
}
