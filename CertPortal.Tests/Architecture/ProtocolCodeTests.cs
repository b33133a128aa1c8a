using System.Reflection;
using System.Text.RegularExpressions;
using CertPortal.Tests.Infrastructure;

namespace CertPortal.Tests.Architecture;

/// <summary>
/// Protocol code (ACME, PKI, FTP) knows nothing of the portal: no slice, no database, no sign-in, no UI. It could be
/// lifted into a library of its own, and a change to a slice can never break a protocol.
/// </summary>
public sealed partial class ProtocolCodeTests
{
    private static readonly string[] ProtocolFolders = ["Acme", "Pki", "Ftp"];

    private static readonly string[] PortalNamespaces =
        ["CertPortal.Features", "CertPortal.Data", "CertPortal.Security", "CertPortal.Components", "CertPortal.Hosting", "CertPortal.Api",
         "Microsoft.EntityFrameworkCore", "Microsoft.AspNetCore.Identity", "Microsoft.AspNetCore.Components", "MudBlazor"];

    [Fact]
    public void Protocol_sources_name_no_portal_namespace()
    {
        var files = ProtocolFolders.SelectMany(folder =>
            Directory.EnumerateFiles(Path.Combine(RepositoryRoot.Path, "CertPortal", folder), "*.cs", SearchOption.AllDirectories));
        var offences = SourceMatches.Find(files, PortalReference());
        Assert.True(offences.Count == 0, "Protocol code reaches into the portal:\n" + string.Join("\n", offences));
    }

    [Fact]
    public void Protocol_types_take_and_give_no_portal_type()
    {
        var protocolTypes = typeof(Program).Assembly.GetTypes()
            .Where(t => ProtocolFolders.Any(f => t.Namespace?.StartsWith($"CertPortal.{f}", StringComparison.Ordinal) == true)).ToList();
        Assert.NotEmpty(protocolTypes);
        const BindingFlags all = BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly;
        var offences = (from type in protocolTypes
                        from used in Signature(type, all)
                        where IsPortal(used)
                        select $"{type.FullName} uses {used.FullName}").Distinct().ToList();
        Assert.True(offences.Count == 0, "Protocol types depend on the portal:\n" + string.Join("\n", offences));
    }

    private static IEnumerable<Type> Signature(Type type, BindingFlags flags)
    {
        if (type.BaseType is { } baseType)
            yield return baseType;
        foreach (var implemented in type.GetInterfaces())
            yield return implemented;
        foreach (var field in type.GetFields(flags))
            yield return field.FieldType;
        foreach (var property in type.GetProperties(flags))
            yield return property.PropertyType;
        foreach (var method in type.GetMethods(flags).Cast<MethodBase>().Concat(type.GetConstructors(flags)))
        {
            if (method is MethodInfo { ReturnType: var returned })
                yield return returned;
            foreach (var parameter in method.GetParameters())
                yield return parameter.ParameterType;
        }
    }

    private static bool IsPortal(Type type) =>
        (type.IsGenericType && type.GetGenericArguments().Any(IsPortal))
        || (type.HasElementType && IsPortal(type.GetElementType()!))
        || PortalNamespaces.Any(n => type.Namespace?.StartsWith(n, StringComparison.Ordinal) == true);

    // A using directive or a qualified name of a portal namespace; inside namespace CertPortal.X a bare "Features." would also resolve.
    [GeneratedRegex(@"(?:(?<![\w.])|(?<=CertPortal\.))(?:Features|Data|Security|Components|Hosting|Api)\.[A-Z]\w*|\bMicrosoft\.EntityFrameworkCore\b|\bMicrosoft\.AspNetCore\.(?:Identity|Components)\b|\bMudBlazor\b")]
    private static partial Regex PortalReference();
}
