using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CertPortal.Data.Migrations
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
                type: "TEXT",
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
