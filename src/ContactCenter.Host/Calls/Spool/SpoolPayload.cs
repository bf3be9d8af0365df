using System.Text.Json;
using ContactCenter.Crm.Outbox;

namespace ContactCenter.Host.Calls.Spool;

/// <summary>
/// What a spool record holds: UTF-8 JSON <c>{"messageId": ..., "type": "&lt;contract's full name&gt;", "body": {...}}</c>,
/// the body serialized with the outbox's settings. Read in one pass, and the body only when its reader wants the type.
/// </summary>
internal static class SpoolPayload
{
    /// <summary>How a payload read.</summary>
    public enum Outcome
    {
        /// <summary>The event is in <c>message</c>.</summary>
        Read,

        /// <summary>A contract the reader does not want: the body was not deserialized.</summary>
        NotWanted,

        /// <summary>Not a payload any reader can use (damaged, or a type this build does not know).</summary>
        Unreadable,
    }

    /// <summary>Reads <paramref name="payload"/>: its message id and, when <paramref name="wanted"/> says so, the event.</summary>
    public static Outcome TryRead(ReadOnlySpan<byte> payload, Func<Type, bool> wanted, out Guid messageId, out object? message)
    {
        (messageId, message) = (Guid.Empty, null);
        Type? type = null;
        try
        {
            var reader = new Utf8JsonReader(payload);
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                return Outcome.Unreadable;
            }

            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                if (reader.ValueTextEquals("messageId"u8))
                {
                    reader.Read();
                    messageId = reader.GetGuid();
                }
                else if (reader.ValueTextEquals("type"u8))
                {
                    reader.Read();
                    type = ReadType(ref reader);
                    if (type is null)
                    {
                        return Outcome.Unreadable;
                    }

                    if (!wanted(type))
                    {
                        return Outcome.NotWanted;
                    }
                }
                else if (reader.ValueTextEquals("body"u8) && type is not null)
                {
                    reader.Read();
                    var start = (int)reader.TokenStartIndex;
                    reader.Skip();
                    var end = (int)reader.BytesConsumed;
                    message = JsonSerializer.Deserialize(payload.Slice(start, end - start), type, OutboxMessageTypes.JsonOptions);
                }
                else
                {
                    reader.Read();
                    reader.Skip();
                }
            }
        }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException or FormatException or NotSupportedException)
        {
            return Outcome.Unreadable;
        }

        return message is null || messageId == Guid.Empty ? Outcome.Unreadable : Outcome.Read;
    }

    // A contract's name is short: read into the stack, not into a string per event (the lanes read every event).
    private static Type? ReadType(ref Utf8JsonReader reader)
    {
        if (reader.TokenType != JsonTokenType.String)
        {
            return null;
        }

        Span<char> name = stackalloc char[128];
        return reader.ValueSpan.Length > name.Length
            ? OutboxMessageTypes.Resolve(reader.GetString()!)
            : OutboxMessageTypes.Resolve(name[..reader.CopyString(name)]);
    }
}
