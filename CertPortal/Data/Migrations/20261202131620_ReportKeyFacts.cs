using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CertPortal.Data.Migrations
{
    /// <inheritdoc />
    public partial class ReportKeyFacts : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
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
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "KeyAlgorithm",
                table: "CertificateVersions");

            migrationBuilder.DropColumn(
                name: "KeySize",
                table: "CertificateVersions");

            migrationBuilder.DropColumn(
                name: "SignatureAlgorithm",
                table: "CertificateVersions");
        }
    }
}
