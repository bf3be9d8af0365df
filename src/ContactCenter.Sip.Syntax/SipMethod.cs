using System.Diagnostics.CodeAnalysis;
using System.Text;

namespace ContactCenter.Sip.Syntax;

/// <summary>
/// A request method. Known methods are shared instances; any other token is kept intact.
/// Methods are case-sensitive (RFC 3261 §7.1), so <c>invite</c> is an unknown method, not INVITE.
/// </summary>
public sealed class SipMethod : IEquatable<SipMethod>
{
    private SipMethod(string name, bool isKnown)
    {
        Name = name;
        IsKnown = isKnown;
    }

    public static SipMethod Invite { get; } = new("INVITE", true);

    public static SipMethod Ack { get; } = new("ACK", true);

    public static SipMethod Bye { get; } = new("BYE", true);

    public static SipMethod Cancel { get; } = new("CANCEL", true);

    public static SipMethod Register { get; } = new("REGISTER", true);

    public static SipMethod Options { get; } = new("OPTIONS", true);

    public static SipMethod Info { get; } = new("INFO", true);

    public static SipMethod Update { get; } = new("UPDATE", true);

    public static SipMethod Prack { get; } = new("PRACK", true);

    public static SipMethod Subscribe { get; } = new("SUBSCRIBE", true);

    public static SipMethod Notify { get; } = new("NOTIFY", true);

    public static SipMethod Refer { get; } = new("REFER", true);

    public static SipMethod Message { get; } = new("MESSAGE", true);

    public static SipMethod Publish { get; } = new("PUBLISH", true);

    /// <summary>The method name exactly as on the wire.</summary>
    public string Name { get; }

    /// <summary>True for the methods of RFC 3261 and its common extensions listed as static properties.</summary>
    public bool IsKnown { get; }

    /// <summary>Gets the method for a token; false when <paramref name="name"/> is not a token.</summary>
    public static bool TryParse(string? name, [NotNullWhen(true)] out SipMethod? method)
    {
        method = null;
        if (string.IsNullOrEmpty(name) || !Ascii.IsValid(name))
        {
            return false;
        }

        var bytes = Encoding.ASCII.GetBytes(name);
        if (!SipChars.IsToken(bytes))
        {
            return false;
        }

        method = FromToken(bytes);
        return true;
    }

    /// <summary>Gets the method for a token; throws <see cref="FormatException"/> when it is not one.</summary>
    public static SipMethod Parse(string name) =>
        TryParse(name, out var method) ? method : throw new FormatException($"Not a SIP method token: '{name}'.");

    /// <summary>Maps a validated token to a shared known instance, or a new unknown one.</summary>
    internal static SipMethod FromToken(ReadOnlySpan<byte> token) => token.Length switch
    {
        3 when token.SequenceEqual("ACK"u8) => Ack,
        3 when token.SequenceEqual("BYE"u8) => Bye,
        4 when token.SequenceEqual("INFO"u8) => Info,
        5 when token.SequenceEqual("PRACK"u8) => Prack,
        5 when token.SequenceEqual("REFER"u8) => Refer,
        6 when token.SequenceEqual("INVITE"u8) => Invite,
        6 when token.SequenceEqual("CANCEL"u8) => Cancel,
        6 when token.SequenceEqual("UPDATE"u8) => Update,
        6 when token.SequenceEqual("NOTIFY"u8) => Notify,
        7 when token.SequenceEqual("OPTIONS"u8) => Options,
        7 when token.SequenceEqual("MESSAGE"u8) => Message,
        7 when token.SequenceEqual("PUBLISH"u8) => Publish,
        8 when token.SequenceEqual("REGISTER"u8) => Register,
        9 when token.SequenceEqual("SUBSCRIBE"u8) => Subscribe,
        _ => new SipMethod(SipChars.ToText(token), false),
    };

    /// <inheritdoc/>
    public bool Equals(SipMethod? other) => other is not null && string.Equals(Name, other.Name, StringComparison.Ordinal);

    /// <inheritdoc/>
    public override bool Equals(object? obj) => Equals(obj as SipMethod);

    /// <inheritdoc/>
    public override int GetHashCode() => StringComparer.Ordinal.GetHashCode(Name);

    /// <inheritdoc/>
    public override string ToString() => Name;

    public static bool operator ==(SipMethod? left, SipMethod? right) => left?.Equals(right) ?? right is null;

    public static bool operator !=(SipMethod? left, SipMethod? right) => !(left == right);
}
