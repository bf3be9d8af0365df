using System.Globalization;
using System.Text;

namespace ContactCenter.Sip.Syntax.Headers;

/// <summary>One Via element (RFC 3261 §20.42, RFC 3581 rport). <see cref="ToString"/> gives the wire text.</summary>
public sealed class SipVia
{
    /// <summary>The magic cookie that starts every RFC 3261 branch (§8.1.1.7).</summary>
    public const string BranchMagicCookie = "z9hG4bK";

    private readonly string _text;

    internal SipVia(ReadOnlySpan<byte> value, in ViaParts parts)
    {
        _text = SipChars.ToText(value);
        ProtocolName = SipChars.ToText(value[parts.ProtocolName]);
        ProtocolVersion = SipChars.ToText(value[parts.ProtocolVersion]);
        Transport = SipChars.ToText(value[parts.Transport]).ToUpperInvariant();
        Host = SipChars.ToText(value[parts.Host]);
        Port = parts.Port;
        Parameters = ParameterReader.Read(value[parts.Parameters], uri: false);
    }

    /// <summary>The protocol name, normally <c>SIP</c>.</summary>
    public string ProtocolName { get; }

    /// <summary>The protocol version, normally <c>2.0</c>.</summary>
    public string ProtocolVersion { get; }

    /// <summary>The transport in upper case: UDP, TCP, TLS, SCTP, WS, WSS, ...</summary>
    public string Transport { get; }

    /// <summary>The sent-by host (IPv6 references keep their brackets).</summary>
    public string Host { get; }

    /// <summary>The sent-by port, or null when absent.</summary>
    public int? Port { get; }

    /// <summary>All via-params, in order.</summary>
    public SipParameters Parameters { get; }

    /// <summary>The branch parameter, or null.</summary>
    public string? Branch => Parameters.GetValueOrDefault("branch");

    /// <summary>True when the branch starts with the RFC 3261 magic cookie.</summary>
    public bool HasRfc3261Branch => Branch?.StartsWith(BranchMagicCookie, StringComparison.Ordinal) == true;

    /// <summary>The received parameter, or null.</summary>
    public string? Received => Parameters.GetValueOrDefault("received");

    /// <summary>True when an rport parameter is present, with or without a value (RFC 3581).</summary>
    public bool HasRPort => Parameters.Contains("rport");

    /// <summary>The rport value, or null when absent or given without a value.</summary>
    public int? RPort => ParseInt(Parameters.GetValueOrDefault("rport"), 65535);

    /// <summary>The maddr parameter, or null.</summary>
    public string? MAddr => Parameters.GetValueOrDefault("maddr");

    /// <summary>The ttl parameter, or null.</summary>
    public int? Ttl => ParseInt(Parameters.GetValueOrDefault("ttl"), 255);

    /// <summary>Creates a <c>SIP/2.0</c> Via element.</summary>
    /// <param name="transport">UDP, TCP, TLS, ...</param>
    /// <param name="host">The sent-by host.</param>
    /// <param name="port">The sent-by port, or null.</param>
    /// <param name="branch">The branch (normally from <see cref="SipIds.NewBranch()"/>).</param>
    /// <param name="requestRPort">Adds an empty rport parameter (RFC 3581 §3).</param>
    public static SipVia Create(string transport, string host, int? port, string branch, bool requestRPort = false)
    {
        ArgumentException.ThrowIfNullOrEmpty(transport);
        ArgumentException.ThrowIfNullOrEmpty(host);
        ArgumentException.ThrowIfNullOrEmpty(branch);
        var sb = new StringBuilder(64).Append("SIP/2.0/").Append(transport.ToUpperInvariant()).Append(' ')
            .Append(host.Contains(':', StringComparison.Ordinal) && !host.StartsWith('[') ? "[" + host + "]" : host);
        if (port is not null)
        {
            sb.Append(':').Append(port.Value);
        }

        sb.Append(";branch=").Append(branch);
        if (requestRPort)
        {
            sb.Append(";rport");
        }

        return Parse(sb.ToString());
    }

    /// <summary>Parses one Via element; throws <see cref="FormatException"/> when it is not well formed.</summary>
    public static SipVia Parse(string value) =>
        ViaParser.TryParse(Encoding.UTF8.GetBytes(value), out var via) ? via : throw new FormatException($"Not a valid Via: '{value}'.");

    /// <summary>
    /// Returns a copy with <c>received</c> set and, when <paramref name="rport"/> is given and the element
    /// carries rport, its value filled in (RFC 3261 §18.2.1, RFC 3581 §4).
    /// </summary>
    public SipVia WithReceived(string received, int? rport = null)
    {
        var parameters = Parameters.With("received", received);
        if (rport is not null && HasRPort)
        {
            parameters = parameters.With("rport", rport.Value.ToString(CultureInfo.InvariantCulture));
        }

        return WithParameters(parameters);
    }

    /// <summary>Returns a copy with the named parameter set.</summary>
    public SipVia WithParameter(string name, string? value) => WithParameters(Parameters.With(name, value));

    /// <inheritdoc/>
    public override string ToString() => _text;

    private static int? ParseInt(string? value, int max) =>
        int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n <= max ? n : null;

    private SipVia WithParameters(SipParameters parameters)
    {
        var sb = new StringBuilder(_text.Length + 32)
            .Append(ProtocolName).Append('/').Append(ProtocolVersion).Append('/').Append(Transport).Append(' ').Append(Host);
        if (Port is not null)
        {
            sb.Append(':').Append(Port.Value);
        }

        parameters.AppendTo(sb, ';');
        return Parse(sb.ToString());
    }
}
