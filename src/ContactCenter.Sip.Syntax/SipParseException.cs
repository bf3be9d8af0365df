namespace ContactCenter.Sip.Syntax;

/// <summary>Thrown by <see cref="SipParser.Parse(ReadOnlySpan{byte})"/> (tests and tools only).</summary>
public sealed class SipParseException : FormatException
{
    public SipParseException()
    {
    }

    public SipParseException(string message)
        : base(message)
    {
    }

    public SipParseException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    internal SipParseException(SipParseError error)
        : base(error.ToString())
    {
        Error = error;
    }

    /// <summary>The parse error.</summary>
    public SipParseError Error { get; }
}
