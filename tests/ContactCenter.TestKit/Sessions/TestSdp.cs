using System.Globalization;
using System.Text;
using ContactCenter.Sdp;

namespace ContactCenter.TestKit.Sessions;

/// <summary>Session descriptions a test's peer sends: PCMU audio on 127.0.0.1.</summary>
public static class TestSdp
{
    /// <summary>An audio description on <paramref name="port"/> with <paramref name="direction"/> (sendrecv, sendonly, recvonly, inactive).</summary>
    public static SdpSession Audio(int port, string direction = "sendrecv")
    {
        var text = "v=0\r\no=peer 1 1 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\nm=audio "
            + port.ToString(CultureInfo.InvariantCulture) + " RTP/AVP 0 101\r\na=rtpmap:0 PCMU/8000\r\na=rtpmap:101 telephone-event/8000\r\na=" + direction + "\r\n";
        return SdpParser.TryParse(Encoding.ASCII.GetBytes(text), out var session, out var error)
            ? session!
            : throw new InvalidOperationException("Test SDP does not parse: " + error);
    }
}
