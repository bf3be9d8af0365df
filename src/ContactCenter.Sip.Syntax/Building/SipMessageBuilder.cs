using System.Globalization;
using System.Text;
using ContactCenter.Sip.Syntax.Headers;

namespace ContactCenter.Sip.Syntax.Building;

/// <summary>
/// Shared header and body handling for <see cref="SipRequestBuilder"/> and <see cref="SipResponseBuilder"/>.
/// A builder is a mutable draft; <c>Build()</c> makes a new immutable message (checked by the parser)
/// with Content-Length recomputed.
/// </summary>
/// <typeparam name="TSelf">The concrete builder, so chained calls keep their type.</typeparam>
public abstract class SipMessageBuilder<TSelf>
    where TSelf : SipMessageBuilder<TSelf>
{
    private static readonly SipParserLimits BuildLimits = new()
    {
        MaxMessageBytes = int.MaxValue,
        MaxHeaderCount = 1024,
        MaxLineLength = int.MaxValue,
        MaxViaCount = 1024,
    };

    private readonly List<Header> _headers = [];
    private ReadOnlyMemory<byte> _body;

    private protected SipMessageBuilder()
    {
    }

    private TSelf Self => (TSelf)this;

    /// <summary>Appends a header line. The value must not contain CR or LF.</summary>
    public TSelf AddHeader(string name, string value)
    {
        _headers.Add(MakeHeader(name, value));
        return Self;
    }

    /// <summary>Appends a known header under its canonical name.</summary>
    public TSelf AddHeader(SipHeaderKind kind, string value) => AddHeader(CanonicalName(kind), value);

    /// <summary>Replaces all lines of this name with one line at the position of the first (or appends).</summary>
    public TSelf SetHeader(string name, string value)
    {
        var header = MakeHeader(name, value);
        var index = _headers.FindIndex(h => Matches(h, header.Kind, name));
        RemoveHeader(name);
        _headers.Insert(index < 0 ? _headers.Count : index, header);
        return Self;
    }

    /// <summary>Replaces all lines of this known header with one line.</summary>
    public TSelf SetHeader(SipHeaderKind kind, string value) => SetHeader(CanonicalName(kind), value);

    /// <summary>Removes every line with this name or compact form.</summary>
    public TSelf RemoveHeader(string name)
    {
        var kind = SipHeaderNames.Lookup(name);
        _headers.RemoveAll(h => Matches(h, kind, name));
        return Self;
    }

    /// <summary>Removes every line of this known header.</summary>
    public TSelf RemoveHeader(SipHeaderKind kind) => RemoveHeader(CanonicalName(kind));

    /// <summary>True when a line of this kind is present.</summary>
    public bool HasHeader(SipHeaderKind kind) => _headers.Exists(h => h.Kind == kind);

    /// <summary>Inserts a Via above all others (a proxy or B2BUA forwarding, RFC 3261 §16.6 step 8).</summary>
    public TSelf PushVia(SipVia via)
    {
        ArgumentNullException.ThrowIfNull(via);
        _headers.Insert(0, MakeHeader("Via", via.ToString()));
        return Self;
    }

    /// <summary>Removes the topmost Via element (a response travelling back, RFC 3261 §16.7 step 3).</summary>
    public TSelf PopVia()
    {
        var index = _headers.FindIndex(h => h.Kind == SipHeaderKind.Via);
        if (index < 0)
        {
            throw new InvalidOperationException("There is no Via to remove.");
        }

        var value = _headers[index].Value;
        var splitter = new HeaderValueSplitter(value.Span);
        if (splitter.MoveNext() && splitter.MoveNext())
        {
            _headers[index] = _headers[index] with { Value = value[splitter.CurrentOffset..] };
        }
        else
        {
            _headers.RemoveAt(index);
        }

        return Self;
    }

    /// <summary>Replaces the topmost Via element (e.g. to add received/rport, RFC 3261 §18.2.1).</summary>
    public TSelf ReplaceTopVia(SipVia via)
    {
        ArgumentNullException.ThrowIfNull(via);
        return PopVia().PushVia(via);
    }

    /// <summary>Sets From.</summary>
    public TSelf SetFrom(SipNameAddress from) => SetHeader(SipHeaderKind.From, Require(from).ToString());

    /// <summary>Sets To.</summary>
    public TSelf SetTo(SipNameAddress to) => SetHeader(SipHeaderKind.To, Require(to).ToString());

    /// <summary>Sets Call-ID.</summary>
    public TSelf SetCallId(string callId) => SetHeader(SipHeaderKind.CallId, callId);

    /// <summary>Sets CSeq.</summary>
    public TSelf SetCSeq(SipCSeq cseq) => SetHeader(SipHeaderKind.CSeq, cseq.ToString());

    /// <summary>Appends a Contact line.</summary>
    public TSelf AddContact(SipNameAddress contact) => AddHeader(SipHeaderKind.Contact, Require(contact).ToString());

    /// <summary>Appends a Route line (below existing ones).</summary>
    public TSelf AddRoute(SipNameAddress route) => AddHeader(SipHeaderKind.Route, Require(route).ToString());

    /// <summary>Appends a Record-Route line.</summary>
    public TSelf AddRecordRoute(SipNameAddress recordRoute) => AddHeader(SipHeaderKind.RecordRoute, Require(recordRoute).ToString());

    /// <summary>Sets the body and its Content-Type (null leaves Content-Type as is). Content-Length is computed on build.</summary>
    public TSelf SetBody(ReadOnlyMemory<byte> body, string? contentType)
    {
        _body = body;
        if (contentType is not null)
        {
            SetHeader(SipHeaderKind.ContentType, contentType);
        }

        return Self;
    }

    /// <summary>Removes the body and Content-Type.</summary>
    public TSelf ClearBody()
    {
        _body = default;
        return RemoveHeader(SipHeaderKind.ContentType);
    }

    private protected abstract string StartLine { get; }

    private protected void CopyFrom(SipMessage message)
    {
        foreach (var h in message.Headers)
        {
            if (h.Kind != SipHeaderKind.ContentLength)
            {
                _headers.Add(new Header(SipChars.ToText(h.RawName.Span), h.Kind, h.Value));
            }
        }

        _body = message.Body;
    }

    private protected int IndexOf(SipHeaderKind kind) => _headers.FindIndex(h => h.Kind == kind);

    private protected ReadOnlySpan<byte> ValueAt(int index) => _headers[index].Value.Span;

    private protected void SetValueAt(int index, string value) =>
        _headers[index] = _headers[index] with { Value = MakeHeader(_headers[index].Name, value).Value };

    /// <summary>Writes the draft and parses it back; the parse checks what callers put in.</summary>
    private protected bool TryBuildMessage(out SipMessage? message, out SipParseError error)
    {
        var bytes = Serialize();
        return SipParser.TryParseOwned(bytes, BuildLimits, out message, out error);
    }

    private protected T BuildMessage<T>()
        where T : SipMessage
    {
        if (!TryBuildMessage(out var message, out var error))
        {
            throw new InvalidOperationException($"The builder holds an invalid message: {error}.");
        }

        return (T)message!;
    }

    private byte[] Serialize()
    {
        var contentLength = _body.Length.ToString(CultureInfo.InvariantCulture);
        var startLine = StartLine;
        var length = Encoding.UTF8.GetByteCount(startLine) + 2 + "Content-Length: ".Length + contentLength.Length + 4 + _body.Length;
        foreach (var h in _headers)
        {
            length += h.Name.Length + 2 + h.Value.Length + 2;
        }

        var bytes = new byte[length];
        var span = bytes.AsSpan();
        var pos = Encoding.UTF8.GetBytes(startLine, span);
        pos += Append(span[pos..], SipChars.CrLf);
        foreach (var h in _headers)
        {
            pos += Encoding.ASCII.GetBytes(h.Name, span[pos..]);
            pos += Append(span[pos..], ": "u8);
            pos += Append(span[pos..], h.Value.Span);
            pos += Append(span[pos..], SipChars.CrLf);
        }

        pos += Append(span[pos..], "Content-Length: "u8);
        pos += Encoding.ASCII.GetBytes(contentLength, span[pos..]);
        pos += Append(span[pos..], "\r\n\r\n"u8);
        _body.Span.CopyTo(span[pos..]);
        return bytes;
    }

    private static int Append(Span<byte> destination, ReadOnlySpan<byte> source)
    {
        source.CopyTo(destination);
        return source.Length;
    }

    private static T Require<T>(T value)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(value);
        return value;
    }

    private static string CanonicalName(SipHeaderKind kind) =>
        SipHeaderNames.GetName(kind) ?? throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown headers are added by name.");

    private static bool Matches(Header header, SipHeaderKind kind, string name) =>
        kind != SipHeaderKind.Unknown ? header.Kind == kind : header.Name.Equals(name, StringComparison.OrdinalIgnoreCase);

    private static Header MakeHeader(string name, string value)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(value);
        if (!Ascii.IsValid(name) || !SipChars.IsToken(Encoding.ASCII.GetBytes(name)))
        {
            throw new ArgumentException($"'{name}' is not a header name.", nameof(name));
        }

        if (value.AsSpan().IndexOfAny('\r', '\n') >= 0)
        {
            // Header injection guard: a value can never start a new line.
            throw new ArgumentException("A header value must not contain CR or LF.", nameof(value));
        }

        return new Header(name, SipHeaderNames.Lookup(name), Encoding.UTF8.GetBytes(value.Trim()));
    }

    private readonly record struct Header(string Name, SipHeaderKind Kind, ReadOnlyMemory<byte> Value);
}
