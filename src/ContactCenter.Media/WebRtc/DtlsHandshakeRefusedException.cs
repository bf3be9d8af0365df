namespace ContactCenter.Media.WebRtc;

/// <summary>A browser leg's DTLS handshake was not started: <see cref="DtlsHandshakeSlots.Limit"/> handshakes were running.</summary>
public sealed class DtlsHandshakeRefusedException : Exception
{
    /// <summary>Creates the exception.</summary>
    public DtlsHandshakeRefusedException()
    {
    }

    /// <summary>Creates the exception with <paramref name="message"/>.</summary>
    public DtlsHandshakeRefusedException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with <paramref name="message"/> and its cause.</summary>
    public DtlsHandshakeRefusedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
