using System.Globalization;
using System.Text;
using ContactCenter.Sdp;

namespace ContactCenter.TestKit.Sessions;

/// <summary>Session descriptions a test's peer sends: PCMU audio on 127.0.0.1.</summary>
public static class TestSdp
{
    /// <summary>
    /// An audio description on <paramref name="port"/> with <paramref name="direction"/> (sendrecv, sendonly, recvonly,
    /// inactive) and <paramref name="formats"/> (payload types: 0 PCMU, 8 PCMA, 101 telephone-event, 18 G729).
    /// </summary>
    public static SdpSession Audio(int port, string direction = "sendrecv", string formats = "0 101")
    {
        var maps = string.Concat(formats.Split(' ').Select(f => f switch
        {
            "0" => "a=rtpmap:0 PCMU/8000\r\n",
            "8" => "a=rtpmap:8 PCMA/8000\r\n",
            "18" => "a=rtpmap:18 G729/8000\r\n",
            "101" => "a=rtpmap:101 telephone-event/8000\r\n",
            _ => "",
        }));
        var text = "v=0\r\no=peer 1 1 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\nm=audio "
            + port.ToString(CultureInfo.InvariantCulture) + " RTP/AVP " + formats + "\r\n" + maps + "a=" + direction + "\r\n";
        return SdpParser.TryParse(Encoding.ASCII.GetBytes(text), out var session, out var error)
            ? session!
            : throw new InvalidOperationException("Test SDP does not parse: " + error);
    }
}
