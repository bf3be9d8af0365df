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

    /// <summary>Finds the contract type named <paramref name="fullName"/>; null for anything else.</summary>
    public static Type? Resolve(string fullName) => ContractsAssembly.GetType(fullName, throwOnError: false);
}
