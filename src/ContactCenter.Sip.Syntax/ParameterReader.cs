
namespace ContactCenter.Sip.Syntax;

/// <summary>
/// Reads <c>;name[=value]</c> lists without allocating (RFC 3261 §25.1 generic-param and uri-parameter).
/// Header parameters may be quoted strings and have whitespace around ';' and '='; URI parameters may not.
/// </summary>
internal ref struct ParameterReader
{
    /// <summary>The most parameters one URI may carry.</summary>
    public const int MaxUriParameters = 64;

    private readonly bool _uri;
    private readonly bool _escapes;
    private ReadOnlySpan<byte> _rest;

    /// <param name="tail">Empty, or starting with ';' (URI headers: '?' then '&amp;' separated).</param>
    /// <param name="uri">True for URI parameters, false for header parameters.</param>
    public ParameterReader(ReadOnlySpan<byte> tail, bool uri)
        : this(tail, uri, escapes: uri)
    {
    }

    /// <param name="tail">Empty, or starting with ';'.</param>
    /// <param name="uri">True for URI parameters, false for header parameters.</param>
    /// <param name="escapes">False when the caller knows the tail holds no '%', so no escape needs checking.</param>
    private ParameterReader(ReadOnlySpan<byte> tail, bool uri, bool escapes)
    {
        _rest = tail;
        _uri = uri;
        _escapes = uri && escapes;
    }

    public ReadOnlySpan<byte> Name { get; private set; }

    public ReadOnlySpan<byte> Value { get; private set; }

    public bool HasValue { get; private set; }

    /// <summary>True when the list has been read to its end without error.</summary>
    public bool Completed { get; private set; }

    /// <summary>Moves to the next parameter; false at the end or on a syntax error (then <see cref="Completed"/> is false).</summary>
    public bool MoveNext()
    {
        var rest = _uri ? _rest : SipChars.Trim(_rest);
        if (rest.IsEmpty)
        {
            Completed = true;
            return false;
        }

        if (rest[0] != SipChars.Semicolon)
        {
            return false;
        }

        rest = rest[1..];
        if (!_uri)
        {
            rest = SipChars.TrimStart(rest);
        }

        var allowed = _uri ? SipChars.UriParameter : SipChars.Token;
        var nameEnd = rest.IndexOfAnyExcept(allowed);
        if (nameEnd < 0)
        {
            nameEnd = rest.Length;
        }

        if (nameEnd == 0)
        {
            return false;
        }

        Name = rest[..nameEnd];
        rest = rest[nameEnd..];
        if (_escapes && !SipChars.HasValidEscapes(Name))
        {
            return false;
        }

        var afterName = _uri ? rest : SipChars.TrimStart(rest);
        if (afterName.IsEmpty || afterName[0] != SipChars.Equal)
        {
            HasValue = false;
            Value = default;
            _rest = rest;
            return true;
        }

        rest = afterName[1..];
        if (!_uri)
        {
            rest = SipChars.TrimStart(rest);
        }

        int valueEnd;
        if (!_uri && !rest.IsEmpty && rest[0] == SipChars.Quote)
        {
            valueEnd = SipChars.FindQuotedEnd(rest, 0);
            if (valueEnd < 0)
            {
                return false;
            }
        }
        else
        {
            valueEnd = rest.IndexOfAnyExcept(_uri ? SipChars.UriParameter : SipChars.GenericValue);
            if (valueEnd < 0)
            {
                valueEnd = rest.Length;
            }

            if (valueEnd == 0 || (_escapes && !SipChars.HasValidEscapes(rest[..valueEnd])))
            {
                return false;
            }
        }

        HasValue = true;
        Value = rest[..valueEnd];
        _rest = rest[valueEnd..];
        return true;
    }

    /// <summary>True when <paramref name="tail"/> is a well-formed parameter list.</summary>
    public static bool Validate(ReadOnlySpan<byte> tail, bool uri) => Validate(tail, uri, escapes: uri);

    /// <summary>As <see cref="Validate(ReadOnlySpan{byte}, bool)"/>; <paramref name="escapes"/> false skips the '%' checks of a tail known to hold none.</summary>
    public static bool Validate(ReadOnlySpan<byte> tail, bool uri, bool escapes)
    {
        var reader = new ParameterReader(tail, uri, escapes);
        if (!uri)
        {
            while (reader.MoveNext())
            {
            }

            return reader.Completed;
        }

        // RFC 3261 §19.1.1: a uri-parameter MUST appear at most once (a URI naming two transports or two users
        // means nothing, and is not equivalent to itself); a list longer than MaxUriParameters is refused too.
        Span<Range> seen = stackalloc Range[MaxUriParameters];
        var count = 0;
        while (reader.MoveNext())
        {
            if (count == MaxUriParameters || !tail.Overlaps(reader.Name, out var start))
            {
                return false;
            }

            foreach (var previous in seen[..count])
            {
                if (System.Text.Ascii.EqualsIgnoreCase(tail[previous], reader.Name))
                {
                    return false;
                }
            }

            seen[count++] = new Range(start, start + reader.Name.Length);
        }

        return reader.Completed;
    }

    /// <summary>Reads a well-formed list into a <see cref="SipParameters"/>; the caller has validated it.</summary>
    public static SipParameters Read(ReadOnlySpan<byte> tail, bool uri)
    {
        if (tail.IsEmpty)
        {
            return SipParameters.Empty;
        }

        var count = tail.Count(SipChars.Semicolon);
        var items = new SipParameter[count];
        var n = 0;
        var reader = new ParameterReader(tail, uri);
        while (reader.MoveNext() && n < items.Length)
        {
            items[n++] = new SipParameter(
                SipChars.ToText(reader.Name),
                reader.HasValue ? SipChars.ToText(reader.Value) : null);
        }

        return SipParameters.FromArray(n == items.Length ? items : items[..n]);
    }
}
