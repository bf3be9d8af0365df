namespace ContactCenter.Sip.Syntax;

/// <summary>
/// Bounds the parser enforces while it reads (style guide §4). A zero member means "use the default",
/// so <c>default(SipParserLimits)</c> behaves like <see cref="Default"/>.
/// </summary>
public readonly record struct SipParserLimits
{
    /// <summary>Default largest message: 65,535 bytes (the largest UDP payload).</summary>
    public const int DefaultMaxMessageBytes = 65_535;

    /// <summary>Default largest number of header lines.</summary>
    public const int DefaultMaxHeaderCount = 128;

    /// <summary>Default longest physical line in bytes.</summary>
    public const int DefaultMaxLineLength = 8_192;

    /// <summary>
    /// Default largest number of Via elements: 100, above the 71 a request can gather on its way when it starts with
    /// Max-Forwards 70 (RFC 3261 §8.1.1.6) and every hop adds one.
    /// </summary>
    public const int DefaultMaxViaCount = 100;

    /// <summary>Creates limits with the defaults.</summary>
    public SipParserLimits()
    {
    }

    /// <summary>The limits with all defaults.</summary>
    public static SipParserLimits Default => new();

    /// <summary>Largest message (start line, headers and body) in bytes; larger ones fail with 513.</summary>
    public int MaxMessageBytes { get; init; } = DefaultMaxMessageBytes;

    /// <summary>Largest number of header lines (folded continuation lines not counted).</summary>
    public int MaxHeaderCount { get; init; } = DefaultMaxHeaderCount;

    /// <summary>Longest physical line in bytes, CRLF excluded.</summary>
    public int MaxLineLength { get; init; } = DefaultMaxLineLength;

    /// <summary>Largest number of Via elements across all Via header lines.</summary>
    public int MaxViaCount { get; init; } = DefaultMaxViaCount;

    internal int EffectiveMaxMessageBytes => MaxMessageBytes > 0 ? MaxMessageBytes : DefaultMaxMessageBytes;

    internal int EffectiveMaxHeaderCount => MaxHeaderCount > 0 ? MaxHeaderCount : DefaultMaxHeaderCount;

    internal int EffectiveMaxLineLength => MaxLineLength > 0 ? MaxLineLength : DefaultMaxLineLength;

    internal int EffectiveMaxViaCount => MaxViaCount > 0 ? MaxViaCount : DefaultMaxViaCount;
}
