namespace ContactCenter.Sdp.Tests;

internal static class SdpTestData
{
    public static readonly string[] ValidFiles =
    [
        "baresip-offer.sdp", "linphone-offer.sdp", "linphone-ipv6-offer.sdp", "sipp-uac-offer.sdp",
        "sipp-static-only-offer.sdp", "legacy-hold-reinvite.sdp", "full-session.sdp", "chromium-webrtc-offer.sdp", "chromium-webrtc-answer.sdp",
    ];

    public static TheoryData<string> Files => new(ValidFiles);

    public static byte[] Bytes(string file) => File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "Data", file));

    public static SdpSession Parse(string file)
    {
        Assert.True(SdpParser.TryParse(Bytes(file), out SdpSession? session, out SdpParseError error), error.ToString());
        return session;
    }
}
