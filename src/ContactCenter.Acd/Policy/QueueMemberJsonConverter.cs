using System.Text.Json;
using System.Text.Json.Serialization;

namespace ContactCenter.Acd.Policy;

/// <summary>Reads a queue member as <c>"1001"</c> or <c>{"extension":"1001","penalty":1}</c>; writes the short form when the penalty is 0.</summary>
internal sealed class QueueMemberJsonConverter : JsonConverter<QueueMember>
{
    public override QueueMember Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType == JsonTokenType.String)
        {
            return new QueueMember(reader.GetString()!);
        }

        if (reader.TokenType != JsonTokenType.StartObject)
        {
            throw new JsonException("A queue member is an extension (\"1001\") or {\"extension\": \"1001\", \"penalty\": 1}.");
        }

        string? extension = null;
        var penalty = 0;
        while (reader.Read() && reader.TokenType != JsonTokenType.EndObject)
        {
            var name = reader.GetString();
            reader.Read();
            switch (name?.ToLowerInvariant())
            {
                case "extension":
                    extension = reader.GetString();
                    break;
                case "penalty":
                    penalty = reader.GetInt32();
                    break;
                default:
                    throw new JsonException($"Unknown queue member field '{name}'.");
            }
        }

        return new QueueMember(extension ?? throw new JsonException("A queue member needs an extension."), penalty);
    }

    public override void Write(Utf8JsonWriter writer, QueueMember value, JsonSerializerOptions options)
    {
        if (value.Penalty == 0)
        {
            writer.WriteStringValue(value.Extension);
            return;
        }

        writer.WriteStartObject();
        writer.WriteString("extension", value.Extension);
        writer.WriteNumber("penalty", value.Penalty);
        writer.WriteEndObject();
    }
}
