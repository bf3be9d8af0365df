namespace ContactCenter.Sdp.OfferAnswer;

/// <summary>The audio payload types RFC 3551 §6 (Table 4) assigns statically, used when an offer omits <c>rtpmap</c>.</summary>
internal static class StaticPayloadTypes
{
    private static readonly SdpRtpMap?[] Table = Build();

    public static SdpRtpMap? Find(int payloadType) =>
        payloadType >= 0 && payloadType < Table.Length ? Table[payloadType] : null;

    private static SdpRtpMap?[] Build()
    {
        var table = new SdpRtpMap?[19];
        (int Type, string Name, int Rate, int? Channels)[] entries =
        [
            (0, "PCMU", 8000, null), (3, "GSM", 8000, null), (4, "G723", 8000, null), (5, "DVI4", 8000, null),
            (6, "DVI4", 16000, null), (7, "LPC", 8000, null), (8, "PCMA", 8000, null), (9, "G722", 8000, null),
            (10, "L16", 44100, 2), (11, "L16", 44100, null), (12, "QCELP", 8000, null), (13, "CN", 8000, null),
            (14, "MPA", 90000, null), (15, "G728", 8000, null), (16, "DVI4", 11025, null), (17, "DVI4", 22050, null),
            (18, "G729", 8000, null),
        ];
        foreach ((int type, string name, int rate, int? channels) in entries)
        {
            table[type] = new SdpRtpMap(type, name, rate, channels);
        }

        return table;
    }
}
