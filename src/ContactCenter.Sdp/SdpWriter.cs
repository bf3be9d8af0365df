using System.Buffers;
using System.Text;

namespace ContactCenter.Sdp;

/// <summary>
/// Writes session descriptions with CRLF line ends, in the order RFC 4566 §5 fixes:
/// v o s i u e p c b t r z k a, then per media m i c b k a.
/// </summary>
public static class SdpWriter
{
    /// <summary>Writes <paramref name="session"/> as UTF-8 into <paramref name="output"/>; returns the byte count.</summary>
    public static int Write(SdpSession session, IBufferWriter<byte> output)
    {
        ArgumentNullException.ThrowIfNull(output);
        string text = Format(session);
        int written = Encoding.UTF8.GetBytes(text, output.GetSpan(Encoding.UTF8.GetByteCount(text)));
        output.Advance(written);
        return written;
    }

    /// <summary>The UTF-8 bytes of <paramref name="session"/>, e.g. for a SIP body.</summary>
    public static byte[] ToBytes(SdpSession session) => Encoding.UTF8.GetBytes(Format(session));

    /// <summary>The text of <paramref name="session"/>.</summary>
    public static string Format(SdpSession session)
    {
        ArgumentNullException.ThrowIfNull(session);
        var text = new StringBuilder(512);
        Line(text, 'v', "0");
        SdpOrigin o = session.Origin;
        Line(text, 'o', $"{o.UserName} {o.SessionId} {o.SessionVersion} {o.NetworkType} {o.AddressType} {o.Address}");
        Line(text, 's', session.SessionName);
        OptionalLine(text, 'i', session.Information);
        OptionalLine(text, 'u', session.Uri);
        Lines(text, 'e', session.Emails);
        Lines(text, 'p', session.Phones);
        Connection(text, session.Connection);
        Bandwidths(text, session.Bandwidths);
        Timings(text, session);
        OptionalLine(text, 'k', session.EncryptionKey);
        Attributes(text, session.Attributes);
        foreach (SdpMedia media in session.Media)
        {
            Media(text, media);
        }

        return text.ToString();
    }

    private static void Timings(StringBuilder text, SdpSession session)
    {
        EquatableArray<SdpTiming> timings = session.Timings.IsEmpty ? [SdpTiming.Unbounded] : session.Timings;
        foreach (SdpTiming timing in timings)
        {
            Line(text, 't', $"{timing.Start} {timing.Stop}");
            foreach (SdpRepeatTime repeat in timing.Repeats)
            {
                Line(text, 'r', $"{repeat.Interval} {repeat.ActiveDuration} {string.Join(' ', repeat.Offsets)}");
            }
        }

        if (!session.TimeZones.IsEmpty)
        {
            var zones = new StringBuilder();
            foreach (SdpTimeZoneAdjustment zone in session.TimeZones)
            {
                zones.Append(zones.Length == 0 ? "" : " ").Append(zone.AdjustmentTime).Append(' ').Append(zone.Offset);
            }

            Line(text, 'z', zones.ToString());
        }
    }

    private static void Media(StringBuilder text, SdpMedia media)
    {
        string port = media.PortCount is int count ? $"{media.Port}/{count}" : media.Port.ToString();
        Line(text, 'm', $"{media.MediaType} {port} {media.Protocol} {string.Join(' ', media.Formats)}");
        OptionalLine(text, 'i', media.Information);
        Connection(text, media.Connection);
        Bandwidths(text, media.Bandwidths);
        OptionalLine(text, 'k', media.EncryptionKey);
        Attributes(text, media.Attributes);
    }

    private static void Connection(StringBuilder text, SdpConnection? connection)
    {
        if (connection is null)
        {
            return;
        }

        text.Append("c=").Append(connection.NetworkType).Append(' ').Append(connection.AddressType).Append(' ')
            .Append(connection.Address);
        if (connection.Ttl is int ttl)
        {
            text.Append('/').Append(ttl);
        }

        if (connection.AddressCount is int addresses)
        {
            text.Append('/').Append(addresses);
        }

        text.Append("\r\n");
    }

    private static void Bandwidths(StringBuilder text, EquatableArray<SdpBandwidth> bandwidths)
    {
        foreach (SdpBandwidth bandwidth in bandwidths)
        {
            Line(text, 'b', $"{bandwidth.Type}:{bandwidth.Value}");
        }
    }

    private static void Attributes(StringBuilder text, EquatableArray<SdpAttribute> attributes)
    {
        foreach (SdpAttribute attribute in attributes)
        {
            Line(text, 'a', attribute.Value is null ? attribute.Name : $"{attribute.Name}:{attribute.Value}");
        }
    }

    private static void Lines(StringBuilder text, char type, EquatableArray<string> values)
    {
        foreach (string value in values)
        {
            Line(text, type, value);
        }
    }

    private static void OptionalLine(StringBuilder text, char type, string? value)
    {
        if (value is not null)
        {
            Line(text, type, value);
        }
    }

    private static void Line(StringBuilder text, char type, string value) =>
        text.Append(type).Append('=').Append(value).Append("\r\n");
}
