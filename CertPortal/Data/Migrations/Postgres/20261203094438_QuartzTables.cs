using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CertPortal.Data.Migrations.Postgres
{
    /// <summary>
    /// The tables of Quartz's clustered job store, from the schema script that the referenced Quartz version carries
    /// (<see cref="QuartzSchema"/>), so that the portal's migrations make every table and no instance needs rights
    /// to create tables at run time.
    /// </summary>
    public partial class QuartzTables : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            foreach (var statement in QuartzSchema.PostgresStatements())
                migrationBuilder.Sql(statement);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            foreach (var table in QuartzSchema.Tables())
                migrationBuilder.Sql($"DROP TABLE IF EXISTS {table} CASCADE;");
        }
    }
}
