using System.Collections.Frozen;
using System.Text.Json;
using ContactCenter.Contracts.Calls;

namespace ContactCenter.Crm.Outbox;

/// <summary>Maps stored message type names back to contract types; only contracts are ever loaded.</summary>
public static class OutboxMessageTypes
{
    /// <summary>Serializer settings shared by the outbox and the call timeline.</summary>
    public static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web)
    {
        Converters = { new System.Text.Json.Serialization.JsonStringEnumConverter() },
    };

    private static readonly System.Reflection.Assembly ContractsAssembly = typeof(CallReceived).Assembly;

    /// <summary>True when <paramref name="type"/> is a record of the contracts project.</summary>
    public static bool IsContract(Type type) => type.Assembly == ContractsAssembly;

    // Every type of the contracts by its full name, read once: a lookup per stored event instead of parsing a type name.
    private static readonly FrozenDictionary<string, Type> ByName =
        ContractsAssembly.GetTypes().Where(t => t.FullName is not null).ToFrozenDictionary(t => t.FullName!, StringComparer.Ordinal);

    private static readonly FrozenDictionary<string, Type>.AlternateLookup<ReadOnlySpan<char>> ByNameSpan =
        ByName.GetAlternateLookup<ReadOnlySpan<char>>();

    /// <summary>Finds the contract type named <paramref name="fullName"/>; null for anything else.</summary>
    public static Type? Resolve(string fullName) => ByName.GetValueOrDefault(fullName);

    /// <summary>Finds the contract type named <paramref name="fullName"/> without making a string of it; null for anything else.</summary>
    public static Type? Resolve(ReadOnlySpan<char> fullName) => ByNameSpan.TryGetValue(fullName, out var type) ? type : null;
}
