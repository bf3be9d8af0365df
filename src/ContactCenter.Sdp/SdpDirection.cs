namespace ContactCenter.Sdp;

/// <summary>The media direction attributes of RFC 4566 §6 (RFC 3264 §5.1).</summary>
public enum SdpDirection
{
    /// <summary><c>a=sendrecv</c>: send and receive (the default when no attribute is given).</summary>
    SendRecv,

    /// <summary><c>a=sendonly</c>: send only.</summary>
    SendOnly,

    /// <summary><c>a=recvonly</c>: receive only.</summary>
    RecvOnly,

    /// <summary><c>a=inactive</c>: neither send nor receive.</summary>
    Inactive,
}
