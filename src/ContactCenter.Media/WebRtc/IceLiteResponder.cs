using System.Net;
using System.Text;

namespace ContactCenter.Media.WebRtc;

/// <summary>
/// The ICE-lite side of one media stream (RFC 8445 §2.5, §7.3): answers the browser's Binding requests on the media socket
/// when USERNAME is <c>our-ufrag:their-ufrag</c> and MESSAGE-INTEGRITY checks with our password, and says which source
/// the browser nominated (USE-CANDIDATE), so media can be sent there. A lite agent sends no checks of its own.
/// </summary>
public sealed class IceLiteResponder
{
    private readonly byte[] _password;
    private readonly byte[] _usernamePrefix;
    private readonly Func<IPAddress, bool>? _acceptSource;
    private long _authenticatedChecks;

    /// <summary>
    /// Creates the responder for our <paramref name="localUfrag"/>/<paramref name="localPassword"/> (the SDP's
    /// ice-ufrag/ice-pwd). <paramref name="acceptSource"/>, when given, says which addresses are answered at all (for
    /// example the ones the signalling named); checks from others are dropped unanswered.
    /// </summary>
    public IceLiteResponder(string localUfrag, string localPassword, Func<IPAddress, bool>? acceptSource = null)
    {
        _acceptSource = acceptSource;
        ArgumentException.ThrowIfNullOrEmpty(localUfrag);
        ArgumentException.ThrowIfNullOrEmpty(localPassword);
        LocalUfrag = localUfrag;
        LocalPassword = localPassword;
        _password = Encoding.UTF8.GetBytes(localPassword);
        _usernamePrefix = Encoding.UTF8.GetBytes(localUfrag + ":");
    }

    /// <summary>Our ufrag.</summary>
    public string LocalUfrag { get; }

    /// <summary>Our password.</summary>
    public string LocalPassword { get; }

    /// <summary>How many authenticated Binding requests were answered with success (RFC 7675: each renews the browser's consent).</summary>
    public long AuthenticatedChecks => Interlocked.Read(ref _authenticatedChecks);

    /// <summary>The source of the last authenticated request that carried USE-CANDIDATE, or null before one.</summary>
    public IPEndPoint? Nominated { get; private set; }

    /// <summary>
    /// Handles one STUN packet from <paramref name="source"/>. Returns the response to send back to it: a success with
    /// XOR-MAPPED-ADDRESS, MESSAGE-INTEGRITY and FINGERPRINT; 400 when USERNAME or MESSAGE-INTEGRITY is missing; 401 when
    /// either is wrong (RFC 8489 §9.1.3). Null (drop) for what is not a Binding request or has a bad FINGERPRINT.
    /// </summary>
    public byte[]? Answer(ReadOnlySpan<byte> packet, IPEndPoint source)
    {
        ArgumentNullException.ThrowIfNull(source);
        if (_acceptSource is { } accept && !accept(source.Address))
        {
            return null;
        }

        if (!StunMessage.TryParse(packet, out var request) || request!.Type != StunMessage.BindingRequest || request.CheckFingerprint() == false)
        {
            return null;
        }

        var username = request.Get(StunAttributeType.Username);
        if (username.IsEmpty || !request.Has(StunAttributeType.MessageIntegrity))
        {
            return Error(request, 400, "Bad Request");
        }

        if (!username.StartsWith(_usernamePrefix) || !request.CheckIntegrity(_password))
        {
            return Error(request, 401, "Unauthorized");
        }

        if (request.Has(StunAttributeType.UseCandidate))
        {
            Nominated = source;
        }

        Interlocked.Increment(ref _authenticatedChecks);
        return new StunMessageBuilder(StunMessage.BindingSuccess, request.TransactionId)
            .AddXorMappedAddress(source)
            .Build(_password, fingerprint: true);
    }

    private static byte[] Error(StunMessage request, int code, string reason) =>
        new StunMessageBuilder(StunMessage.BindingError, request.TransactionId).AddErrorCode(code, reason).Build(fingerprint: true);
}
