using System.Collections.Immutable;
using System.Reflection.Metadata;
using System.Reflection.Metadata.Ecma335;
using System.Reflection.PortableExecutable;

namespace Terminal.Tests.Firmware;

/// <summary>
/// Reads a gate-built assembly's metadata and lists what compiles against nanoFramework's mscorlib but
/// cannot run on nanoFramework 1.x: generics of any kind (GenericParam, MethodSpec, generic TypeSpec rows and
/// generic instantiations inside signatures), multi-dimensional arrays, decimal, and references to assemblies
/// other than mscorlib and the firmware's own. Each finding names the type or member.
/// </summary>
public static class FirmwareRules
{
    public static readonly string[] AllowedAssemblies = { "mscorlib", "Terminal", "Terminal.Drivers" };

    public static List<string> Check(string assemblyPath)
    {
        using var stream = File.OpenRead(assemblyPath);
        using var pe = new PEReader(stream);
        return Check(pe);
    }

    public static List<string> Check(byte[] image)
    {
        using var pe = new PEReader(ImmutableArray.Create(image));
        return Check(pe);
    }

    public static List<string> Check(PEReader pe)
    {
        MetadataReader md = pe.GetMetadataReader();
        var findings = new List<string>();

        foreach (var handle in md.AssemblyReferences)
        {
            string name = md.GetString(md.GetAssemblyReference(handle).Name);
            if (Array.IndexOf(AllowedAssemblies, name) < 0)
                findings.Add($"assembly reference '{name}': firmware may reference only mscorlib and its own assemblies");
        }

        for (int row = 1; row <= md.GetTableRowCount(TableIndex.GenericParam); row++)
        {
            var gp = md.GetGenericParameter(MetadataTokens.GenericParameterHandle(row));
            findings.Add($"generic parameter '{md.GetString(gp.Name)}' on {Describe(md, gp.Parent)}: no generics on nanoFramework 1.x");
        }

        for (int row = 1; row <= md.GetTableRowCount(TableIndex.MethodSpec); row++)
        {
            var spec = md.GetMethodSpecification(MetadataTokens.MethodSpecificationHandle(row));
            findings.Add($"generic method instantiation of {Describe(md, spec.Method)}: no generics on nanoFramework 1.x");
        }

        var provider = new SignatureScanner(md);
        for (int row = 1; row <= md.GetTableRowCount(TableIndex.TypeSpec); row++)
        {
            var spec = md.GetTypeSpecification(MetadataTokens.TypeSpecificationHandle(row));
            Report(findings, "type specification", spec.DecodeSignature(provider, null));
        }

        foreach (var typeHandle in md.TypeDefinitions)
        {
            var type = md.GetTypeDefinition(typeHandle);
            string typeName = FullName(md, type);
            foreach (var fieldHandle in type.GetFields())
            {
                var field = md.GetFieldDefinition(fieldHandle);
                Report(findings, $"field {typeName}.{md.GetString(field.Name)}", field.DecodeSignature(provider, null));
            }
            foreach (var methodHandle in type.GetMethods())
            {
                var method = md.GetMethodDefinition(methodHandle);
                string where = $"method {typeName}.{md.GetString(method.Name)}";
                var sig = method.DecodeSignature(provider, null);
                Report(findings, where, sig.ReturnType);
                foreach (var p in sig.ParameterTypes) Report(findings, where, p);
                if (method.RelativeVirtualAddress == 0) continue;
                var body = pe.GetMethodBody(method.RelativeVirtualAddress);
                if (body.LocalSignature.IsNil) continue;
                var locals = md.GetStandaloneSignature(body.LocalSignature).DecodeLocalSignature(provider, null);
                foreach (var local in locals) Report(findings, "local variable in " + where, local);
            }
        }

        foreach (var handle in md.MemberReferences)
        {
            var member = md.GetMemberReference(handle);
            string where = $"reference to {Describe(md, handle)}";
            if (member.GetKind() == MemberReferenceKind.Field)
            {
                Report(findings, where, member.DecodeFieldSignature(provider, null));
            }
            else
            {
                var sig = member.DecodeMethodSignature(provider, null);
                Report(findings, where, sig.ReturnType);
                foreach (var p in sig.ParameterTypes) Report(findings, where, p);
            }
        }

        foreach (var handle in md.TypeReferences)
        {
            var tr = md.GetTypeReference(handle);
            if (md.GetString(tr.Namespace) == "System" && md.GetString(tr.Name) == "Decimal")
                findings.Add("type reference System.Decimal: decimal does not exist on nanoFramework; use long minor units");
        }

        return findings.Distinct().ToList();
    }

    private static void Report(List<string> findings, string where, string? problem)
    {
        if (problem != null && problem.StartsWith('!'))
            findings.Add($"{where} uses {problem.Substring(1)}");
    }

    private static string FullName(MetadataReader md, TypeDefinition type)
    {
        string ns = md.GetString(type.Namespace);
        string name = md.GetString(type.Name);
        if (type.GetDeclaringType().IsNil == false)
            return FullName(md, md.GetTypeDefinition(type.GetDeclaringType())) + "+" + name;
        return ns.Length == 0 ? name : ns + "." + name;
    }

    private static string Describe(MetadataReader md, EntityHandle handle)
    {
        switch (handle.Kind)
        {
            case HandleKind.TypeDefinition:
                return "type " + FullName(md, md.GetTypeDefinition((TypeDefinitionHandle)handle));
            case HandleKind.MethodDefinition:
                var method = md.GetMethodDefinition((MethodDefinitionHandle)handle);
                return "method " + FullName(md, md.GetTypeDefinition(method.GetDeclaringType())) + "." + md.GetString(method.Name);
            case HandleKind.MemberReference:
                var member = md.GetMemberReference((MemberReferenceHandle)handle);
                return ParentName(md, member.Parent) + "." + md.GetString(member.Name);
            default:
                return handle.Kind.ToString();
        }
    }

    private static string ParentName(MetadataReader md, EntityHandle parent)
    {
        switch (parent.Kind)
        {
            case HandleKind.TypeReference:
                var tr = md.GetTypeReference((TypeReferenceHandle)parent);
                return md.GetString(tr.Namespace) + "." + md.GetString(tr.Name);
            case HandleKind.TypeDefinition:
                return FullName(md, md.GetTypeDefinition((TypeDefinitionHandle)parent));
            case HandleKind.TypeSpecification:
                var spec = md.GetTypeSpecification((TypeSpecificationHandle)parent);
                string? decoded = spec.DecodeSignature(new SignatureScanner(md), null);
                return decoded == null ? "a type specification" : decoded.TrimStart('!');
            default:
                return parent.Kind.ToString();
        }
    }

    /// <summary>
    /// Decodes signatures to a display name; a name starting with '!' marks something nanoFramework cannot run.
    /// </summary>
    private sealed class SignatureScanner : ISignatureTypeProvider<string?, object?>
    {
        private readonly MetadataReader _md;

        public SignatureScanner(MetadataReader md) => _md = md;

        private static string Clean(string s) => s.TrimStart('!');
        private static bool Bad(string? s) => s != null && s.StartsWith('!');
        private static string Propagate(string? inner, string display) => Bad(inner) ? "!" + display : display;

        public string GetPrimitiveType(PrimitiveTypeCode typeCode) => typeCode.ToString();

        public string GetTypeFromDefinition(MetadataReader reader, TypeDefinitionHandle handle, byte rawTypeKind) =>
            FullName(reader, reader.GetTypeDefinition(handle));

        public string GetTypeFromReference(MetadataReader reader, TypeReferenceHandle handle, byte rawTypeKind)
        {
            var tr = reader.GetTypeReference(handle);
            string ns = reader.GetString(tr.Namespace);
            string name = reader.GetString(tr.Name);
            string full = ns.Length == 0 ? name : ns + "." + name;
            return full == "System.Decimal" ? "!decimal (System.Decimal)" : full;
        }

        public string GetTypeFromSpecification(MetadataReader reader, object? context, TypeSpecificationHandle handle, byte rawTypeKind) =>
            reader.GetTypeSpecification(handle).DecodeSignature(this, context) ?? "?";

        public string GetSZArrayType(string? elementType) => Propagate(elementType, Clean(elementType ?? "?") + "[]");

        public string GetArrayType(string? elementType, ArrayShape shape) =>
            "!multi-dimensional array " + Clean(elementType ?? "?") + "[" + new string(',', shape.Rank - 1) + "]";

        public string GetGenericInstantiation(string? genericType, ImmutableArray<string?> typeArguments) =>
            "!generic type " + Clean(genericType ?? "?") + "<" + string.Join(",", typeArguments.Select(a => Clean(a ?? "?"))) + ">";

        public string GetGenericMethodParameter(object? context, int index) => "!generic method parameter !!" + index;
        public string GetGenericTypeParameter(object? context, int index) => "!generic type parameter !" + index;

        public string GetByReferenceType(string? elementType) => Propagate(elementType, Clean(elementType ?? "?") + "&");
        public string GetPointerType(string? elementType) => Propagate(elementType, Clean(elementType ?? "?") + "*");
        public string GetPinnedType(string? elementType) => Propagate(elementType, Clean(elementType ?? "?"));
        public string GetModifiedType(string? modifier, string? unmodifiedType, bool isRequired) => unmodifiedType ?? "?";
        public string GetFunctionPointerType(MethodSignature<string?> signature) => "!function pointer";
    }
}
