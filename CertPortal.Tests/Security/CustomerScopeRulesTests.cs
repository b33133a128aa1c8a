using System.Text.RegularExpressions;
using CertPortal.Data;
using CertPortal.Security;
using CertPortal.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CertPortal.Tests.Security;

/// <summary>
/// Scope is applied in one place: every entity with a customer says so through one interface, so
/// <c>VisibleTo(actor)</c> applies to it, and no slice reads an actor's customers on its own.
/// </summary>
public sealed partial class CustomerScopeRulesTests(PortalFactory portal) : IClassFixture<PortalFactory>
{
    [Fact]
    public async Task Every_entity_with_a_customer_is_customer_owned()
    {
        await using var db = await portal.Service<IDbContextFactory<AppDbContext>>().CreateDbContextAsync();
        var entities = db.Model.GetEntityTypes().Where(e => e.FindProperty("CustomerId") is not null).Select(e => e.ClrType).ToList();

        Assert.NotEmpty(entities);
        var unmarked = entities.Where(t => !typeof(ICustomerOwned).IsAssignableFrom(t) && !typeof(ICustomerOwnedOrShared).IsAssignableFrom(t)).Select(t => t.Name).ToList();
        Assert.True(unmarked.Count == 0, $"entities with a CustomerId but without ICustomerOwned/ICustomerOwnedOrShared: {string.Join(", ", unmarked)}");
    }

    [Fact]
    public void No_slice_reads_an_actors_customers_itself()
    {
        var features = Path.Combine(RepositoryRoot.Path, "CertPortal", "Features");
        var offenders = Directory.EnumerateFiles(features, "*.*", SearchOption.AllDirectories)
            .Where(f => f.EndsWith(".cs") || f.EndsWith(".razor"))
            .SelectMany(f => File.ReadLines(f).Select((line, i) => (File: Path.GetRelativePath(features, f), Line: i + 1, Text: line)))
            .Where(l => OwnScopeCheck().IsMatch(l.Text))
            .Select(l => $"{l.File}:{l.Line}: {l.Text.Trim()}")
            .ToList();

        Assert.True(offenders.Count == 0, "filter with VisibleTo(actor) instead:\n" + string.Join("\n", offenders));
    }

    // An actor's own customer set, or the old single-customer CustomerScope (the claim's name aside).
    [GeneratedRegex(@"\b[aA]ctor\.Customers\b|\b[vV]iewer\.Customers\b|(?<!PortalClaims)\.CustomerScope\b")]
    private static partial Regex OwnScopeCheck();
}
