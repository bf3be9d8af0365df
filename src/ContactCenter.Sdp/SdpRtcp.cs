namespace ContactCenter.Sdp;

/// <summary><c>a=rtcp:&lt;port&gt; [IN IP4 &lt;address&gt;]</c> (RFC 3605): where RTCP goes when not on RTP port + 1.</summary>
/// <param name="Port">The RTCP port.</param>
/// <param name="Connection">The RTCP address, when it differs from the media connection.</param>
public sealed record SdpRtcp(int Port, SdpConnection? Connection = null)
{
    /// <summary>Parses the value of an <c>rtcp</c> attribute.</summary>
    public static bool TryParse(string? value, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out SdpRtcp? rtcp)
    {
        rtcp = null;
        if (value is null)
        {
            return false;
        }

        string[] parts = value.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if ((parts.Length != 1 && parts.Length != 4) || !SdpNumbers.TryParsePort(parts[0], out int port))
        {
            return false;
        }

        SdpConnection? connection = null;
        if (parts.Length == 4)
        {
            connection = new SdpConnection(parts[1], parts[2], parts[3]);
            if (!SdpAddresses.IsValid(connection.AddressType, connection.Address))
            {
                return false;
            }
        }

        rtcp = new SdpRtcp(port, connection);
        return true;
    }

    /// <summary>This value as an attribute.</summary>
    public SdpAttribute ToAttribute() => new(
        SdpAttributeNames.Rtcp,
        Connection is null
            ? Port.ToString()
            : $"{Port} {Connection.NetworkType} {Connection.AddressType} {Connection.Address}");
}
