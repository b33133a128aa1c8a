using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CertPortal.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class CertificateExpiryScale : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<double>(
                name: "ExpiryScale",
                table: "Certificates",
                type: "double precision",
                nullable: false,
                defaultValue: 1.0);

            // Certificates stored before: their lifetime's share of 90 days, as Certificate.ApplyVersion sets it from now on.
            migrationBuilder.Sql("""
                UPDATE "Certificates" SET "ExpiryScale" = EXTRACT(EPOCH FROM ("NotAfter" - "NotBefore")) / 7776000.0 WHERE "NotBefore" IS NOT NULL AND "NotAfter" IS NOT NULL AND "NotAfter" > "NotBefore" AND "NotAfter" - "NotBefore" < INTERVAL '90 days';
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "ExpiryScale",
                table: "Certificates");
        }
    }
}
