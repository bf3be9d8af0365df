using System.Reflection;
using System.Reflection.Emit;
using System.Reflection.Metadata;
using System.Reflection.Metadata.Ecma335;
using System.Reflection.PortableExecutable;

namespace ContactCenter.TestKit;

/// <summary>
/// What the types of a compiled assembly use, read from its metadata and IL (base types, fields, signatures, locals,
/// every token in method bodies; lambdas and async state machines count for the type that declares them). Used by
/// architecture tests: which folders (namespaces) depend on which, and which outside namespaces a folder touches.
/// </summary>
public sealed class AssemblyDependencies
{
    private static readonly Dictionary<short, OperandType> OperandTypes = typeof(OpCodes)
        .GetFields(BindingFlags.Public | BindingFlags.Static).Select(f => (OpCode)f.GetValue(null)!)
        .ToDictionary(o => o.Value, o => o.OperandType);

    private readonly Dictionary<string, HashSet<string>> _uses = new(StringComparer.Ordinal);

    private AssemblyDependencies()
    {
    }

    /// <summary>Namespace of each top-level type -> the full names of the types it uses (own assembly and others).</summary>
    public IReadOnlyDictionary<string, HashSet<string>> UsesByNamespace => _uses;

    /// <summary>Reads <paramref name="assembly"/> from its file.</summary>
    public static AssemblyDependencies Of(Assembly assembly)
    {
        ArgumentNullException.ThrowIfNull(assembly);
        using var pe = new PEReader(File.OpenRead(assembly.Location));
        var md = pe.GetMetadataReader();
        var result = new AssemblyDependencies();
        foreach (var handle in md.TypeDefinitions)
        {
            var from = Namespace(md, TopLevel(md, handle));
            var uses = result._uses.TryGetValue(from, out var set) ? set : result._uses[from] = new HashSet<string>(StringComparer.Ordinal);
            new Walker(md, pe, uses).Type(handle);
        }

        return result;
    }

    /// <summary>
    /// The folder graph under <paramref name="rootNamespace"/>: first namespace segment below it -> the other folders it
    /// uses. Types directly in the root namespace (composition, shared results) are left out.
    /// </summary>
    public Dictionary<string, SortedSet<string>> FolderGraph(string rootNamespace)
    {
        var graph = new Dictionary<string, SortedSet<string>>(StringComparer.Ordinal);
        foreach (var (ns, uses) in _uses)
        {
            if (Folder(ns, rootNamespace) is not { } from)
            {
                continue;
            }

            var to = graph.TryGetValue(from, out var set) ? set : graph[from] = new SortedSet<string>(StringComparer.Ordinal);
            foreach (var used in uses)
            {
                var usedNamespace = used.LastIndexOf('.') is var dot and > 0 ? used[..dot] : "";
                if (Folder(usedNamespace, rootNamespace) is { } folder && folder != from)
                {
                    to.Add(folder);
                }
            }
        }

        return graph;
    }

    /// <summary>A cycle in <paramref name="graph"/> as a path (first node repeated at the end), or null when it has none.</summary>
    public static IReadOnlyList<string>? FindCycle(IReadOnlyDictionary<string, SortedSet<string>> graph)
    {
        ArgumentNullException.ThrowIfNull(graph);
        var state = new Dictionary<string, int>(StringComparer.Ordinal); // 1 = on the path, 2 = done
        var path = new List<string>();

        List<string>? Visit(string node)
        {
            state[node] = 1;
            path.Add(node);
            foreach (var next in graph.TryGetValue(node, out var edges) ? edges : [])
            {
                if (state.GetValueOrDefault(next) == 1)
                {
                    return [.. path.Skip(path.IndexOf(next)), next];
                }

                if (state.GetValueOrDefault(next) == 0 && Visit(next) is { } cycle)
                {
                    return cycle;
                }
            }

            path.RemoveAt(path.Count - 1);
            state[node] = 2;
            return null;
        }

        foreach (var node in graph.Keys.Order(StringComparer.Ordinal))
        {
            if (state.GetValueOrDefault(node) == 0 && Visit(node) is { } cycle)
            {
                return cycle;
            }
        }

        return null;
    }

    /// <summary>
    /// Null when the folders under <paramref name="rootNamespace"/> depend on each other without a cycle; else the cycle and
    /// the whole graph, as a test's failure message.
    /// </summary>
    public string? DescribeFolderCycle(string rootNamespace)
    {
        var graph = FolderGraph(rootNamespace);
        return FindCycle(graph) is not { } cycle ? null
            : $"The folders of {rootNamespace} depend on each other in a cycle: {string.Join(" -> ", cycle)}. Graph: "
                + string.Join("; ", graph.Select(g => $"{g.Key} -> {string.Join(",", g.Value)}"));
    }

    private static string? Folder(string ns, string root) =>
        ns.StartsWith(root + ".", StringComparison.Ordinal) ? ns[(root.Length + 1)..].Split('.')[0] : null;

    private static TypeDefinitionHandle TopLevel(MetadataReader md, TypeDefinitionHandle handle)
    {
        while (md.GetTypeDefinition(handle).GetDeclaringType() is { IsNil: false } outer)
        {
            handle = outer;
        }

        return handle;
    }

    private static string Namespace(MetadataReader md, TypeDefinitionHandle handle) => md.GetString(md.GetTypeDefinition(handle).Namespace);

    private static string FullName(MetadataReader md, TypeDefinitionHandle handle)
    {
        var top = md.GetTypeDefinition(TopLevel(md, handle));
        return $"{md.GetString(top.Namespace)}.{md.GetString(top.Name)}";
    }

    private static string FullName(MetadataReader md, TypeReferenceHandle handle)
    {
        var reference = md.GetTypeReference(handle);
        while (reference.ResolutionScope.Kind == HandleKind.TypeReference)
        {
            reference = md.GetTypeReference((TypeReferenceHandle)reference.ResolutionScope);
        }

        return $"{md.GetString(reference.Namespace)}.{md.GetString(reference.Name)}";
    }

    private sealed class Walker(MetadataReader md, PEReader pe, HashSet<string> uses) : ISignatureTypeProvider<bool, object?>
    {
        public void Type(TypeDefinitionHandle handle)
        {
            var type = md.GetTypeDefinition(handle);
            Entity(type.BaseType);
            foreach (var implementation in type.GetInterfaceImplementations())
            {
                Entity(md.GetInterfaceImplementation(implementation).Interface);
            }

            foreach (var field in type.GetFields())
            {
                md.GetFieldDefinition(field).DecodeSignature(this, null);
            }

            foreach (var methodHandle in type.GetMethodImplementations())
            {
                Entity(md.GetMethodImplementation(methodHandle).MethodDeclaration);
            }

            foreach (var methodHandle in type.GetMethods())
            {
                var method = md.GetMethodDefinition(methodHandle);
                method.DecodeSignature(this, null);
                if (method.RelativeVirtualAddress != 0)
                {
                    Body(pe.GetMethodBody(method.RelativeVirtualAddress));
                }
            }
        }

        private void Body(MethodBodyBlock body)
        {
            if (!body.LocalSignature.IsNil)
            {
                md.GetStandaloneSignature(body.LocalSignature).DecodeLocalSignature(this, null);
            }

            var il = body.GetILReader();
            while (il.RemainingBytes > 0)
            {
                short code = il.ReadByte();
                if (code == 0xFE)
                {
                    code = unchecked((short)(0xFE00 | il.ReadByte()));
                }

                switch (OperandTypes[code])
                {
                    case OperandType.InlineMethod or OperandType.InlineField or OperandType.InlineType or OperandType.InlineTok:
                        Entity(MetadataTokens.EntityHandle(il.ReadInt32()));
                        break;
                    case OperandType.InlineSwitch:
                        // Read the count first: `il.Offset += 4 * il.ReadInt32()` would take Offset before the count was read.
                        var targets = il.ReadInt32();
                        il.Offset += 4 * targets;
                        break;
                    case OperandType.InlineI8 or OperandType.InlineR:
                        il.Offset += 8;
                        break;
                    case OperandType.InlineBrTarget or OperandType.InlineI or OperandType.InlineSig or OperandType.InlineString
                        or OperandType.ShortInlineR:
                        il.Offset += 4;
                        break;
                    case OperandType.InlineVar:
                        il.Offset += 2;
                        break;
                    case OperandType.ShortInlineBrTarget or OperandType.ShortInlineI or OperandType.ShortInlineVar:
                        il.Offset += 1;
                        break;
                }
            }
        }

        private void Entity(EntityHandle handle)
        {
            if (handle.IsNil)
            {
                return;
            }

            switch (handle.Kind)
            {
                case HandleKind.TypeDefinition:
                    uses.Add(FullName(md, (TypeDefinitionHandle)handle));
                    break;
                case HandleKind.TypeReference:
                    uses.Add(FullName(md, (TypeReferenceHandle)handle));
                    break;
                case HandleKind.TypeSpecification:
                    md.GetTypeSpecification((TypeSpecificationHandle)handle).DecodeSignature(this, null);
                    break;
                case HandleKind.MethodDefinition:
                    uses.Add(FullName(md, md.GetMethodDefinition((MethodDefinitionHandle)handle).GetDeclaringType()));
                    break;
                case HandleKind.FieldDefinition:
                    uses.Add(FullName(md, md.GetFieldDefinition((FieldDefinitionHandle)handle).GetDeclaringType()));
                    break;
                case HandleKind.MemberReference:
                    var member = md.GetMemberReference((MemberReferenceHandle)handle);
                    Entity(member.Parent);
                    if (member.GetKind() == MemberReferenceKind.Method)
                    {
                        member.DecodeMethodSignature(this, null);
                    }
                    else
                    {
                        member.DecodeFieldSignature(this, null);
                    }

                    break;
                case HandleKind.MethodSpecification:
                    var specification = md.GetMethodSpecification((MethodSpecificationHandle)handle);
                    Entity(specification.Method);
                    specification.DecodeSignature(this, null);
                    break;
            }
        }

        public bool GetTypeFromDefinition(MetadataReader reader, TypeDefinitionHandle handle, byte rawTypeKind) => uses.Add(FullName(md, handle));

        public bool GetTypeFromReference(MetadataReader reader, TypeReferenceHandle handle, byte rawTypeKind) => uses.Add(FullName(md, handle));

        public bool GetTypeFromSpecification(MetadataReader reader, object? genericContext, TypeSpecificationHandle handle, byte rawTypeKind)
        {
            Entity(handle);
            return true;
        }

        public bool GetArrayType(bool elementType, ArrayShape shape) => true;

        public bool GetByReferenceType(bool elementType) => true;

        public bool GetFunctionPointerType(MethodSignature<bool> signature) => true;

        public bool GetGenericInstantiation(bool genericType, System.Collections.Immutable.ImmutableArray<bool> typeArguments) => true;

        public bool GetGenericMethodParameter(object? genericContext, int index) => true;

        public bool GetGenericTypeParameter(object? genericContext, int index) => true;

        public bool GetModifiedType(bool modifier, bool unmodifiedType, bool isRequired) => true;

        public bool GetPinnedType(bool elementType) => true;

        public bool GetPointerType(bool elementType) => true;

        public bool GetPrimitiveType(PrimitiveTypeCode typeCode) => true;

        public bool GetSZArrayType(bool elementType) => true;
    }
}
