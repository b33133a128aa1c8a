using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CertPortal.Data.Migrations
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
                type: "REAL",
                nullable: false,
                defaultValue: 1.0);

            // Certificates stored before: their lifetime's share of 90 days, as Certificate.ApplyVersion sets it from now on.
            migrationBuilder.Sql("""
                UPDATE "Certificates" SET "ExpiryScale" = (julianday("NotAfter") - julianday("NotBefore")) / 90.0 WHERE "NotBefore" IS NOT NULL AND "NotAfter" IS NOT NULL AND julianday("NotAfter") > julianday("NotBefore") AND julianday("NotAfter") - julianday("NotBefore") < 90;
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
