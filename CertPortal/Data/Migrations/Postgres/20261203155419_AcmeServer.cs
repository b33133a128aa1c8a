using System;
using System.Collections.Generic;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CertPortal.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class AcmeServer : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "AcmeEabKeys",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    CaId = table.Column<Guid>(type: "uuid", nullable: false),
                    CustomerId = table.Column<Guid>(type: "uuid", nullable: false),
                    Name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    KeyId = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    SealedHmacKey = table.Column<string>(type: "text", nullable: false),
                    AllowedDomains = table.Column<List<string>>(type: "text[]", nullable: false),
                    KeyTypes = table.Column<List<string>>(type: "text[]", nullable: false),
                    MaxValidityDays = table.Column<int>(type: "integer", nullable: false),
                    AccountId = table.Column<Guid>(type: "uuid", nullable: true),
                    CreatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    RevokedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AcmeEabKeys", x => x.Id);
                    table.ForeignKey(
                        name: "FK_AcmeEabKeys_CertificateAuthorities_CaId",
                        column: x => x.CaId,
                        principalTable: "CertificateAuthorities",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_AcmeEabKeys_Customers_CustomerId",
                        column: x => x.CustomerId,
                        principalTable: "Customers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "AcmeNonces",
                columns: table => new
                {
                    Value = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    ExpiresAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AcmeNonces", x => x.Value);
                });

            migrationBuilder.CreateTable(
                name: "AcmeServerAccounts",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    CaId = table.Column<Guid>(type: "uuid", nullable: false),
                    CustomerId = table.Column<Guid>(type: "uuid", nullable: false),
                    EabKeyId = table.Column<Guid>(type: "uuid", nullable: false),
                    JwkJson = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false),
                    Thumbprint = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    Status = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    Contact = table.Column<List<string>>(type: "text[]", nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AcmeServerAccounts", x => x.Id);
                    table.ForeignKey(
                        name: "FK_AcmeServerAccounts_AcmeEabKeys_EabKeyId",
                        column: x => x.EabKeyId,
                        principalTable: "AcmeEabKeys",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "AcmeServerOrders",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    AccountId = table.Column<Guid>(type: "uuid", nullable: false),
                    CaId = table.Column<Guid>(type: "uuid", nullable: false),
                    Status = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    Identifiers = table.Column<List<string>>(type: "text[]", nullable: false),
                    Profile = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    Expires = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    CertificateId = table.Column<Guid>(type: "uuid", nullable: true),
                    Error = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true),
                    CreatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AcmeServerOrders", x => x.Id);
                    table.ForeignKey(
                        name: "FK_AcmeServerOrders_AcmeServerAccounts_AccountId",
                        column: x => x.AccountId,
                        principalTable: "AcmeServerAccounts",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "AcmeServerAuthorizations",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    OrderId = table.Column<Guid>(type: "uuid", nullable: false),
                    AccountId = table.Column<Guid>(type: "uuid", nullable: false),
                    Identifier = table.Column<string>(type: "character varying(255)", maxLength: 255, nullable: false),
                    Wildcard = table.Column<bool>(type: "boolean", nullable: false),
                    Status = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    Expires = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    Token = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    ChallengeType = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: true),
                    ValidatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    Error = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AcmeServerAuthorizations", x => x.Id);
                    table.ForeignKey(
                        name: "FK_AcmeServerAuthorizations_AcmeServerOrders_OrderId",
                        column: x => x.OrderId,
                        principalTable: "AcmeServerOrders",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_AcmeEabKeys_CaId_CustomerId",
                table: "AcmeEabKeys",
                columns: new[] { "CaId", "CustomerId" });

            migrationBuilder.CreateIndex(
                name: "IX_AcmeEabKeys_CustomerId",
                table: "AcmeEabKeys",
                column: "CustomerId");

            migrationBuilder.CreateIndex(
                name: "IX_AcmeEabKeys_KeyId",
                table: "AcmeEabKeys",
                column: "KeyId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_AcmeNonces_ExpiresAt",
                table: "AcmeNonces",
                column: "ExpiresAt");

            migrationBuilder.CreateIndex(
                name: "IX_AcmeServerAccounts_CaId_Thumbprint",
                table: "AcmeServerAccounts",
                columns: new[] { "CaId", "Thumbprint" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_AcmeServerAccounts_EabKeyId",
                table: "AcmeServerAccounts",
                column: "EabKeyId");

            migrationBuilder.CreateIndex(
                name: "IX_AcmeServerAuthorizations_OrderId",
                table: "AcmeServerAuthorizations",
                column: "OrderId");

            migrationBuilder.CreateIndex(
                name: "IX_AcmeServerOrders_AccountId",
                table: "AcmeServerOrders",
                column: "AccountId");

            migrationBuilder.CreateIndex(
                name: "IX_AcmeServerOrders_CertificateId",
                table: "AcmeServerOrders",
                column: "CertificateId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "AcmeNonces");

            migrationBuilder.DropTable(
                name: "AcmeServerAuthorizations");

            migrationBuilder.DropTable(
                name: "AcmeServerOrders");

            migrationBuilder.DropTable(
                name: "AcmeServerAccounts");

            migrationBuilder.DropTable(
                name: "AcmeEabKeys");
        }
    }
}
