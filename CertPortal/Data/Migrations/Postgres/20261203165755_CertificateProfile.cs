using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CertPortal.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class CertificateProfile : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "Profile",
                table: "Certificates",
                type: "character varying(64)",
                maxLength: 64,
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "Profile",
                table: "Certificates");
        }
    }
}
