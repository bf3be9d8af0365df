namespace ContactCenter.Sip.Transport;

/// <summary>Why a TCP connection closed or was refused: the bounded set of values of the metrics' reason tag.</summary>
internal static class CloseReasons
{
    public const string Peer = "peer";
    public const string IdleTimeout = "idle_timeout";
    public const string PartialTimeout = "partial_message_timeout";
    public const string Malformed = "malformed_stream";
    public const string Error = "error";
    public const string Stopping = "stopping";
    public const string WriteFailed = "write_failed";
    public const string WriteTimeout = "write_timeout";
    public const string TlsHandshakeFailed = "tls_handshake_failed";
}
