namespace ContactCenter.Sdp;

/// <summary>Why a session description did not parse, and on which line (1-based; 0 for the whole body).</summary>
/// <param name="Code">What was wrong.</param>
/// <param name="LineNumber">The line it was found on.</param>
public readonly record struct SdpParseError(SdpParseErrorCode Code, int LineNumber)
{
    /// <summary>No error.</summary>
    public static SdpParseError None => default;

    /// <inheritdoc />
    public override string ToString() => LineNumber == 0 ? Code.ToString() : $"{Code} at line {LineNumber}";
}

/// <summary>The kinds of <see cref="SdpParseError"/>.</summary>
public enum SdpParseErrorCode
{
    /// <summary>No error.</summary>
    None,

    /// <summary>The body is empty.</summary>
    Empty,

    /// <summary>The body is larger than <see cref="SdpParser.MaxBodyBytes"/>.</summary>
    TooLarge,

    /// <summary>The body is not valid UTF-8 or holds a NUL or bare CR.</summary>
    InvalidText,

    /// <summary>A line is not <c>&lt;letter&gt;=&lt;value&gt;</c>.</summary>
    MalformedLine,

    /// <summary>A line type letter this parser does not know (RFC 4566 §5: the whole description is ignored).</summary>
    UnknownLineType,

    /// <summary>The first line is not <c>v=0</c>.</summary>
    InvalidVersion,

    /// <summary>The <c>o=</c> line is missing, out of place or malformed.</summary>
    InvalidOrigin,

    /// <summary>The <c>s=</c> line is missing or out of place.</summary>
    InvalidSessionName,

    /// <summary>A <c>c=</c> line is malformed or repeated.</summary>
    InvalidConnection,

    /// <summary>A <c>b=</c> line is malformed.</summary>
    InvalidBandwidth,

    /// <summary>A <c>t=</c>, <c>r=</c> or <c>z=</c> line is malformed or out of place.</summary>
    InvalidTiming,

    /// <summary>An <c>a=</c> line is malformed, or a known attribute has a bad value.</summary>
    InvalidAttribute,

    /// <summary>An <c>m=</c> line is malformed.</summary>
    InvalidMedia,

    /// <summary>A line appears where RFC 4566 does not allow it (e.g. <c>u=</c> inside a media section).</summary>
    LineOutOfPlace,
}
