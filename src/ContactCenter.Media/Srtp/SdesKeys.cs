using System.Diagnostics.CodeAnalysis;
using ContactCenter.Sdp;
using ContactCenter.Sdp.OfferAnswer;

namespace ContactCenter.Media.Srtp;

/// <summary>SDES (RFC 4568) keys for a leg: fresh ones to put in our SDP, and the SRTP session the agreed ones make.</summary>
public static class SdesKeys
{
    /// <summary>One fresh master key and salt per supported suite, as crypto lines (tag 1; the offer/answer numbers them).</summary>
    public static EquatableArray<SdpCrypto> Create() =>
        [.. SrtpSuite.Supported.Select(suite => new SdpCrypto(1, suite.Name, [new SdpCryptoKey(SrtpMasterKey.Generate(suite).ToBase64())], []))];

    /// <summary>The session the agreed <paramref name="keys"/> make (ours to send, theirs to receive); false when they cannot make one.</summary>
    public static bool TryCreateSession(SdpSrtpKeys keys, [NotNullWhen(true)] out SrtpSession? session)
    {
        ArgumentNullException.ThrowIfNull(keys);
        session = null;
        if (SrtpSuite.Find(keys.Suite) is not { } suite
            || !SrtpMasterKey.TryCreate(suite, new SdpCryptoKey(keys.LocalKeySalt).DecodeKeySalt(), out var local)
            || !SrtpMasterKey.TryCreate(suite, new SdpCryptoKey(keys.RemoteKeySalt).DecodeKeySalt(), out var remote))
        {
            return false;
        }

        session = new SrtpSession(local, remote);
        return true;
    }
}
