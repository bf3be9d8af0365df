using System.Buffers;
using System.Diagnostics.CodeAnalysis;
using System.Text;
using ContactCenter.Sip.Syntax.Headers;

namespace ContactCenter.Sip.Syntax;

/// <summary>
/// An immutable SIP message. It owns one exact-size copy of its bytes; header values are slices of it.
/// Core headers were checked when the message was parsed, so their accessors never fail; other
/// headers are parsed on request through the <c>TryGet...</c> methods.
/// </summary>
public abstract class SipMessage
{
    private readonly byte[] _buffer;
    private readonly Range _body;

    // Typed views made on first use. The message is immutable, so a race only builds an equal object twice.
    private IReadOnlyList<SipVia>? _vias;
    private SipNameAddress? _from;
    private SipNameAddress? _to;
    private string? _callId;
    private IReadOnlyList<SipNameAddress>? _contacts;
    private IReadOnlyList<SipNameAddress>? _routes;
    private IReadOnlyList<SipNameAddress>? _recordRoutes;

    private protected SipMessage(byte[] buffer, HeaderEntry[] headers, Range body)
    {
        _buffer = buffer;
        _body = body;
        Headers = new SipHeaderCollection(buffer, headers);
    }

    /// <summary>True for requests, false for responses.</summary>
    public abstract bool IsRequest { get; }

    /// <summary>The whole message as received or built.</summary>
    public ReadOnlyMemory<byte> Bytes => _buffer;

    /// <summary>The header lines in order.</summary>
    public SipHeaderCollection Headers { get; }

    /// <summary>The body (empty when there is none).</summary>
    public ReadOnlyMemory<byte> Body => _buffer.AsMemory(_body);

    /// <summary>All Via elements, topmost first.</summary>
    public IReadOnlyList<SipVia> Vias => _vias ??= ParseList<SipVia>(SipHeaderKind.Via, ViaParser.TryParse);

    /// <summary>The topmost Via.</summary>
    public SipVia TopVia => Vias[0];

    /// <summary>The From header.</summary>
    public SipNameAddress From => _from ??= ParseSingle(SipHeaderKind.From);

    /// <summary>The To header.</summary>
    public SipNameAddress To => _to ??= ParseSingle(SipHeaderKind.To);

    /// <summary>The Call-ID.</summary>
    public string CallId => _callId ??= First(SipHeaderKind.CallId).GetValueString();

    /// <summary>The CSeq.</summary>
    public SipCSeq CSeq
    {
        get
        {
            // Not cached: a cached nullable struct could be read torn by another thread. Parsing is cheap, and a
            // request reuses its own method instance (the validator checked that they match).
            var value = SipChars.Trim(First(SipHeaderKind.CSeq).ValueSpan);
            return CSeqParser.TryScan(value, out var number, out var method)
                ? new SipCSeq(number, this is SipRequest request ? request.Method : SipMethod.FromToken(value[method]))
                : throw Corrupt();
        }
    }

    /// <summary>Max-Forwards, or null when absent.</summary>
    public int? MaxForwards => ParseOptionalInt(SipHeaderKind.MaxForwards, 255);

    /// <summary>The Content-Length header's value, or null when absent (the body length is <see cref="Body"/>.Length).</summary>
    public int? ContentLength => ParseOptionalInt(SipHeaderKind.ContentLength, int.MaxValue);

    /// <summary>The Contact elements, in order; empty for <c>Contact: *</c> (see <see cref="IsContactWildcard"/>).</summary>
    public IReadOnlyList<SipNameAddress> Contacts => _contacts ??= IsContactWildcard ? [] : ParseNameAddresses(SipHeaderKind.Contact);

    /// <summary>True for <c>Contact: *</c> (REGISTER removing all bindings, RFC 3261 §10.2.2).</summary>
    public bool IsContactWildcard =>
        Headers.TryGetFirst(SipHeaderKind.Contact, out var h) && h.ValueSpan.Length == 1 && h.ValueSpan[0] == SipChars.Star;

    /// <summary>The Route elements, in order.</summary>
    public IReadOnlyList<SipNameAddress> Routes => _routes ??= ParseNameAddresses(SipHeaderKind.Route);

    /// <summary>The Record-Route elements, in order.</summary>
    public IReadOnlyList<SipNameAddress> RecordRoutes => _recordRoutes ??= ParseNameAddresses(SipHeaderKind.RecordRoute);

    /// <summary>Gets the Content-Type; false when absent or malformed.</summary>
    public bool TryGetContentType([NotNullWhen(true)] out SipMediaType? contentType)
    {
        contentType = null;
        return Headers.TryGetFirst(SipHeaderKind.ContentType, out var h) && SipMediaType.TryParse(h.ValueSpan, out contentType);
    }

    /// <summary>Gets the Expires header in seconds; false when absent or malformed.</summary>
    public bool TryGetExpires(out int seconds) => TryGetInt(SipHeaderKind.Expires, out seconds);

    /// <summary>Gets the Min-SE header in seconds (RFC 4028 §5); false when absent or malformed.</summary>
    public bool TryGetMinSE(out int seconds)
    {
        // Min-SE = delta-seconds *(SEMI generic-param): the grammar of Session-Expires.
        seconds = 0;
        if (!Headers.TryGetFirst(SipHeaderKind.MinSE, out var h) || !SipSessionExpires.TryParse(h.ValueSpan, out var value))
        {
            return false;
        }

        seconds = value.Seconds;
        return true;
    }

    /// <summary>Gets the Min-Expires header in seconds; false when absent or malformed.</summary>
    public bool TryGetMinExpires(out int seconds) => TryGetInt(SipHeaderKind.MinExpires, out seconds);

    /// <summary>
    /// Gets the tokens of a list header across all its lines: Supported, Require, Proxy-Require,
    /// Unsupported, Allow, Allow-Events. False when absent or malformed.
    /// </summary>
    public bool TryGetTokens(SipHeaderKind kind, [NotNullWhen(true)] out IReadOnlyList<string>? tokens)
    {
        tokens = null;
        var list = new List<string>();
        var found = false;
        foreach (var h in Headers.GetAll(kind))
        {
            found = true;
            if (!TokenListParser.TryAppend(h.ValueSpan, list))
            {
                return false;
            }
        }

        tokens = found ? list : null;
        return found;
    }

    /// <summary>
    /// Gets every Authorization, Proxy-Authorization, WWW-Authenticate or Proxy-Authenticate line of
    /// <paramref name="kind"/>, one per line. False when absent or malformed.
    /// </summary>
    public bool TryGetAuthHeaders(SipHeaderKind kind, [NotNullWhen(true)] out IReadOnlyList<SipAuthHeader>? headers)
    {
        headers = null;
        var list = new List<SipAuthHeader>();
        foreach (var h in Headers.GetAll(kind))
        {
            if (!AuthHeaderParser.TryParse(h.ValueSpan, out var auth))
            {
                return false;
            }

            list.Add(auth);
        }

        headers = list.Count > 0 ? list : null;
        return headers is not null;
    }

    /// <summary>Gets the Event header (RFC 6665); false when absent or malformed.</summary>
    public bool TryGetEvent([NotNullWhen(true)] out SipEvent? sipEvent)
    {
        sipEvent = null;
        return Headers.TryGetFirst(SipHeaderKind.Event, out var h) && SipEvent.TryParse(h.ValueSpan, out sipEvent);
    }

    /// <summary>Gets the Refer-To header (RFC 3515); false when absent or malformed.</summary>
    public bool TryGetReferTo([NotNullWhen(true)] out SipNameAddress? referTo)
    {
        referTo = null;
        return Headers.TryGetFirst(SipHeaderKind.ReferTo, out var h) && NameAddrParser.TryParse(h.ValueSpan, out referTo);
    }

    /// <summary>Gets the Replaces header (RFC 3891); false when absent or malformed.</summary>
    public bool TryGetReplaces([NotNullWhen(true)] out SipReplaces? replaces)
    {
        replaces = null;
        return Headers.TryGetFirst(SipHeaderKind.Replaces, out var h) && SipReplaces.TryParse(h.ValueSpan, out replaces);
    }

    /// <summary>Gets the Session-Expires header (RFC 4028); false when absent or malformed.</summary>
    public bool TryGetSessionExpires([NotNullWhen(true)] out SipSessionExpires? sessionExpires)
    {
        sessionExpires = null;
        return Headers.TryGetFirst(SipHeaderKind.SessionExpires, out var h) && SipSessionExpires.TryParse(h.ValueSpan, out sessionExpires);
    }

    /// <summary>
    /// Gets the name-addr elements of any name-addr list header (P-Asserted-Identity, Path, Service-Route,
    /// Referred-By, ...), across all its lines. False when absent or malformed.
    /// </summary>
    public bool TryGetNameAddresses(SipHeaderKind kind, [NotNullWhen(true)] out IReadOnlyList<SipNameAddress>? addresses)
    {
        addresses = null;
        var list = new List<SipNameAddress>();
        foreach (var value in Headers.GetValues(kind))
        {
            if (!NameAddrParser.TryParse(value.Span, out var address))
            {
                return false;
            }

            list.Add(address);
        }

        addresses = list.Count > 0 ? list : null;
        return addresses is not null;
    }

    /// <summary>Gets the P-Asserted-Identity elements (RFC 3325); false when absent or malformed.</summary>
    public bool TryGetPAssertedIdentities([NotNullWhen(true)] out IReadOnlyList<SipNameAddress>? identities) =>
        TryGetNameAddresses(SipHeaderKind.PAssertedIdentity, out identities);

    /// <summary>Writes the message; false only if the writer cannot give a span of the message's length.</summary>
    public bool TryWrite(IBufferWriter<byte> writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        var span = writer.GetSpan(_buffer.Length);
        if (span.Length < _buffer.Length)
        {
            return false;
        }

        _buffer.CopyTo(span);
        writer.Advance(_buffer.Length);
        return true;
    }

    /// <summary>Copies the message into <paramref name="destination"/>; false when it is too small.</summary>
    public bool TryWrite(Span<byte> destination, out int bytesWritten)
    {
        var ok = _buffer.AsSpan().TryCopyTo(destination);
        bytesWritten = ok ? _buffer.Length : 0;
        return ok;
    }

    /// <summary>A new array holding the message.</summary>
    public byte[] ToArray() => (byte[])_buffer.Clone();

    /// <summary>The whole message as text with Authorization and Proxy-Authorization values redacted, for traces.</summary>
    public string ToTraceString()
    {
        var sb = new StringBuilder(_buffer.Length + 16);
        var pos = 0;
        foreach (var entry in Headers.Entries)
        {
            if (entry.Kind is SipHeaderKind.Authorization or SipHeaderKind.ProxyAuthorization)
            {
                sb.Append(Encoding.UTF8.GetString(_buffer, pos, entry.ValueStart - pos)).Append("***");
                pos = entry.ValueStart + entry.ValueLength;
            }
        }

        return sb.Append(Encoding.UTF8.GetString(_buffer, pos, _buffer.Length - pos)).ToString();
    }

    internal byte[] Buffer => _buffer;

    private static SipParseException Corrupt() => new("A core header did not parse although the message was validated.");

    private delegate bool SpanParser<T>(ReadOnlySpan<byte> value, [NotNullWhen(true)] out T? result);

    private SipHeader First(SipHeaderKind kind) => Headers.TryGetFirst(kind, out var h) ? h : throw Corrupt();

    private SipNameAddress ParseSingle(SipHeaderKind kind) =>
        NameAddrParser.TryParse(First(kind).ValueSpan, out var address) ? address : throw Corrupt();

    private List<SipNameAddress> ParseNameAddresses(SipHeaderKind kind) =>
        ParseList<SipNameAddress>(kind, NameAddrParser.TryParse);

    private List<T> ParseList<T>(SipHeaderKind kind, SpanParser<T> parser)
    {
        var values = Headers.GetValues(kind);
        var list = new List<T>(values.Count);
        foreach (var value in values)
        {
            list.Add(parser(value.Span, out var item) ? item : throw Corrupt());
        }

        return list;
    }

    private int? ParseOptionalInt(SipHeaderKind kind, int max) =>
        Headers.TryGetFirst(kind, out var h) && SipChars.TryParseInt(h.ValueSpan, max, out var n) ? n : null;

    private bool TryGetInt(SipHeaderKind kind, out int value)
    {
        value = 0;
        return Headers.TryGetFirst(kind, out var h) && SipChars.TryParseInt(h.ValueSpan, int.MaxValue, out value);
    }
}
