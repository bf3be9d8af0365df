namespace ContactCenter.Media.Srtp;

/// <summary>
/// An SRTP crypto suite as named in SDES (RFC 4568 §6.2): the cipher, the key and salt lengths and the authentication
/// tag lengths. Only the AES counter-mode suites with HMAC-SHA1 (RFC 3711's defaults) are implemented.
/// </summary>
public sealed record SrtpSuite
{
    private SrtpSuite(string name, int rtpTagLength)
    {
        Name = name;
        RtpTagLength = rtpTagLength;
    }

    /// <summary>AES-128 counter mode, HMAC-SHA1 with an 80-bit tag on RTP and RTCP (RFC 4568 §6.2.1).</summary>
    public static SrtpSuite AesCm128HmacSha1x80 { get; } = new("AES_CM_128_HMAC_SHA1_80", 10);

    /// <summary>AES-128 counter mode, HMAC-SHA1 with a 32-bit tag on RTP and an 80-bit tag on RTCP (RFC 4568 §6.2.2).</summary>
    public static SrtpSuite AesCm128HmacSha1x32 { get; } = new("AES_CM_128_HMAC_SHA1_32", 4);

    /// <summary>The suites we offer, in preference order.</summary>
    public static IReadOnlyList<SrtpSuite> Supported { get; } = [AesCm128HmacSha1x80, AesCm128HmacSha1x32];

    /// <summary>The SDES name.</summary>
    public string Name { get; }

    /// <summary>Bytes of the SRTP authentication tag.</summary>
    public int RtpTagLength { get; }

    /// <summary>Bytes of the SRTCP authentication tag (80 bits for both suites).</summary>
    public int RtcpTagLength { get; } = 10;

    /// <summary>Bytes of the master key (and of the session encryption key).</summary>
    public int KeyLength { get; } = 16;

    /// <summary>Bytes of the master salt (and of the session salt).</summary>
    public int SaltLength { get; } = 14;

    /// <summary>Bytes of the session authentication key (RFC 3711 §4.2.1: 160 bits for HMAC-SHA1).</summary>
    public int AuthenticationKeyLength { get; } = 20;

    /// <summary>The suite named <paramref name="name"/> (case as RFC 4568 writes it), or null when not supported.</summary>
    public static SrtpSuite? Find(string name)
    {
        foreach (SrtpSuite suite in Supported)
        {
            if (suite.Name == name)
            {
                return suite;
            }
        }

        return null;
    }
}
