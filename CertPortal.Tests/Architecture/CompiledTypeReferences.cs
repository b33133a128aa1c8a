using System.Collections.Immutable;
using System.Reflection;
using System.Reflection.Emit;
using System.Reflection.Metadata;
using System.Reflection.Metadata.Ecma335;
using System.Reflection.PortableExecutable;
using System.Text;
using System.Text.RegularExpressions;

namespace CertPortal.Tests.Architecture;

/// <summary>
/// Reads a compiled assembly's metadata and IL and lists which types each type uses: in its signatures, attributes,
/// local variables and in every instruction that names a type, method or field (a Razor component another renders
/// appears only there). Constants are inlined by the compiler and so are not seen: the source scans cover those.
/// </summary>
internal sealed class CompiledTypeReferences : ISignatureTypeProvider<ImmutableArray<string>, object?>
{
    private static readonly Dictionary<ushort, OpCode> OpCodesByValue = typeof(OpCodes).GetFields(BindingFlags.Public | BindingFlags.Static)
        .Select(f => (OpCode)f.GetValue(null)!).ToDictionary(o => (ushort)o.Value);

    private readonly PEReader _pe;
    private readonly MetadataReader _reader;

    private CompiledTypeReferences(PEReader pe)
    {
        _pe = pe;
        _reader = pe.GetMetadataReader();
    }

    /// <summary>"A uses B" for each type A in namespace <paramref name="users"/> (or below) and each type B it uses in <paramref name="used"/> (or below).</summary>
    public static IReadOnlyList<string> Find(Assembly assembly, string users, string used)
    {
        using var pe = new PEReader(File.OpenRead(assembly.Location));
        var references = new CompiledTypeReferences(pe);
        return (from handle in references._reader.TypeDefinitions
                let name = references.NameOf(handle)
                where Within(name, users)
                from type in references.UsedBy(handle)
                where Within(type, used)
                select $"{name} uses {type}").Distinct().Order(StringComparer.Ordinal).ToList();
    }

    private static bool Within(string typeName, string ns) => typeName.StartsWith(ns + ".", StringComparison.Ordinal);

    private IEnumerable<string> UsedBy(TypeDefinitionHandle handle)
    {
        var type = _reader.GetTypeDefinition(handle);
        var used = new List<string>();
        used.AddRange(Names(type.BaseType));
        used.AddRange(type.GetInterfaceImplementations().SelectMany(i => Names(_reader.GetInterfaceImplementation(i).Interface)));
        used.AddRange(Attributes(type.GetCustomAttributes()));
        used.AddRange(GenericConstraints(type.GetGenericParameters()));
        foreach (var fieldHandle in type.GetFields())
        {
            var field = _reader.GetFieldDefinition(fieldHandle);
            used.AddRange(field.DecodeSignature(this, null));
            used.AddRange(Attributes(field.GetCustomAttributes()));
        }
        foreach (var propertyHandle in type.GetProperties())
        {
            var property = _reader.GetPropertyDefinition(propertyHandle);
            used.AddRange(Flatten(property.DecodeSignature(this, null)));
            used.AddRange(Attributes(property.GetCustomAttributes()));
        }
        foreach (var eventHandle in type.GetEvents())
            used.AddRange(Names(_reader.GetEventDefinition(eventHandle).Type));
        foreach (var methodHandle in type.GetMethods())
        {
            var method = _reader.GetMethodDefinition(methodHandle);
            used.AddRange(Flatten(method.DecodeSignature(this, null)));
            used.AddRange(Attributes(method.GetCustomAttributes()));
            used.AddRange(GenericConstraints(method.GetGenericParameters()));
            foreach (var parameter in method.GetParameters())
                used.AddRange(Attributes(_reader.GetParameter(parameter).GetCustomAttributes()));
            if (method.RelativeVirtualAddress != 0)
                used.AddRange(Body(_pe.GetMethodBody(method.RelativeVirtualAddress)));
        }
        return used;
    }

    private IEnumerable<string> Body(MethodBodyBlock body)
    {
        if (!body.LocalSignature.IsNil)
            foreach (var local in _reader.GetStandaloneSignature(body.LocalSignature).DecodeLocalSignature(this, null))
                foreach (var name in local)
                    yield return name;
        var il = body.GetILReader();
        while (il.RemainingBytes > 0)
        {
            var value = (ushort)il.ReadByte();
            if (value == 0xFE)
                value = (ushort)(0xFE00 | il.ReadByte());
            var operand = OpCodesByValue[value].OperandType;
            switch (operand)
            {
                case OperandType.InlineField or OperandType.InlineMethod or OperandType.InlineTok or OperandType.InlineType:
                    foreach (var name in Names(MetadataTokens.EntityHandle(il.ReadInt32())))
                        yield return name;
                    break;
                case OperandType.InlineSwitch:
                    var targets = il.ReadInt32();
                    il.Offset += 4 * targets;
                    break;
                default:
                    il.Offset += OperandSize(operand);
                    break;
            }
        }
    }

    private static int OperandSize(OperandType operand) => operand switch
    {
        OperandType.InlineNone => 0,
        OperandType.ShortInlineBrTarget or OperandType.ShortInlineI or OperandType.ShortInlineVar => 1,
        OperandType.InlineVar => 2,
        OperandType.InlineI8 or OperandType.InlineR => 8,
        _ => 4,
    };

    private IEnumerable<string> Names(EntityHandle handle)
    {
        if (handle.IsNil)
            return [];
        switch (handle.Kind)
        {
            case HandleKind.TypeDefinition:
                return [NameOf((TypeDefinitionHandle)handle)];
            case HandleKind.TypeReference:
                return [NameOf((TypeReferenceHandle)handle)];
            case HandleKind.TypeSpecification:
                return _reader.GetTypeSpecification((TypeSpecificationHandle)handle).DecodeSignature(this, null);
            case HandleKind.FieldDefinition:
                var field = _reader.GetFieldDefinition((FieldDefinitionHandle)handle);
                return [NameOf(field.GetDeclaringType()), .. field.DecodeSignature(this, null)];
            case HandleKind.MethodDefinition:
                var method = _reader.GetMethodDefinition((MethodDefinitionHandle)handle);
                return [NameOf(method.GetDeclaringType()), .. Flatten(method.DecodeSignature(this, null))];
            case HandleKind.MemberReference:
                var member = _reader.GetMemberReference((MemberReferenceHandle)handle);
                var signature = member.GetKind() == MemberReferenceKind.Field
                    ? member.DecodeFieldSignature(this, null)
                    : Flatten(member.DecodeMethodSignature(this, null));
                return [.. Names(member.Parent), .. signature];
            case HandleKind.MethodSpecification:
                var specification = _reader.GetMethodSpecification((MethodSpecificationHandle)handle);
                return [.. Names(specification.Method), .. specification.DecodeSignature(this, null).SelectMany(a => a)];
            default:
                return [];
        }
    }

    private IEnumerable<string> Attributes(CustomAttributeHandleCollection attributes)
    {
        foreach (var handle in attributes)
        {
            var attribute = _reader.GetCustomAttribute(handle);
            foreach (var name in Names(attribute.Constructor))
                yield return name;
            // typeof(...) arguments are stored as type names in the attribute's blob.
            var blob = Encoding.UTF8.GetString(_reader.GetBlobBytes(attribute.Value));
            foreach (Match name in Regex.Matches(blob, @"CertPortal\.[\w.+`]+"))
                yield return name.Value;
        }
    }

    private IEnumerable<string> GenericConstraints(GenericParameterHandleCollection parameters) =>
        parameters.SelectMany(p => _reader.GetGenericParameter(p).GetConstraints())
            .SelectMany(c => Names(_reader.GetGenericParameterConstraint(c).Type));

    private static ImmutableArray<string> Flatten(MethodSignature<ImmutableArray<string>> signature) =>
        [.. signature.ReturnType, .. signature.ParameterTypes.SelectMany(p => p)];

    private string NameOf(TypeDefinitionHandle handle)
    {
        var type = _reader.GetTypeDefinition(handle);
        var declaring = type.GetDeclaringType();
        return declaring.IsNil
            ? Qualified(_reader.GetString(type.Namespace), _reader.GetString(type.Name))
            : $"{NameOf(declaring)}+{_reader.GetString(type.Name)}";
    }

    private string NameOf(TypeReferenceHandle handle)
    {
        var type = _reader.GetTypeReference(handle);
        return type.ResolutionScope.Kind == HandleKind.TypeReference
            ? $"{NameOf((TypeReferenceHandle)type.ResolutionScope)}+{_reader.GetString(type.Name)}"
            : Qualified(_reader.GetString(type.Namespace), _reader.GetString(type.Name));
    }

    private static string Qualified(string ns, string name) => ns.Length == 0 ? name : $"{ns}.{name}";

    public ImmutableArray<string> GetPrimitiveType(PrimitiveTypeCode typeCode) => [];

    public ImmutableArray<string> GetTypeFromDefinition(MetadataReader reader, TypeDefinitionHandle handle, byte rawTypeKind) => [NameOf(handle)];

    public ImmutableArray<string> GetTypeFromReference(MetadataReader reader, TypeReferenceHandle handle, byte rawTypeKind) => [NameOf(handle)];

    public ImmutableArray<string> GetTypeFromSpecification(MetadataReader reader, object? genericContext, TypeSpecificationHandle handle, byte rawTypeKind) =>
        reader.GetTypeSpecification(handle).DecodeSignature(this, genericContext);

    public ImmutableArray<string> GetSZArrayType(ImmutableArray<string> elementType) => elementType;

    public ImmutableArray<string> GetArrayType(ImmutableArray<string> elementType, ArrayShape shape) => elementType;

    public ImmutableArray<string> GetByReferenceType(ImmutableArray<string> elementType) => elementType;

    public ImmutableArray<string> GetPointerType(ImmutableArray<string> elementType) => elementType;

    public ImmutableArray<string> GetPinnedType(ImmutableArray<string> elementType) => elementType;

    public ImmutableArray<string> GetGenericInstantiation(ImmutableArray<string> genericType, ImmutableArray<ImmutableArray<string>> typeArguments) =>
        [.. genericType, .. typeArguments.SelectMany(a => a)];

    public ImmutableArray<string> GetGenericMethodParameter(object? genericContext, int index) => [];

    public ImmutableArray<string> GetGenericTypeParameter(object? genericContext, int index) => [];

    public ImmutableArray<string> GetFunctionPointerType(MethodSignature<ImmutableArray<string>> signature) => Flatten(signature);

    public ImmutableArray<string> GetModifiedType(ImmutableArray<string> modifier, ImmutableArray<string> unmodifiedType, bool isRequired) =>
        [.. modifier, .. unmodifiedType];
}
