using ContactCenter.Media.Rtp;

namespace ContactCenter.Media.Tests.Rtp;

/// <summary>
/// RTCP inputs the fuzzer (bench/fuzz/run.sh) found answered wrongly, kept under Data/fuzz/rtcp/: each must read
/// without throwing, and no packet may be shorter than its header and SSRC (else its SSRC is the next packet's).
/// </summary>
public sealed class RtcpFuzzRegressionTests
{
    public static TheoryData<string> Inputs() =>
        [.. Directory.GetFiles(Path.Combine(AppContext.BaseDirectory, "Data", "fuzz", "rtcp")).Select(f => Path.GetFileName(f)).Order(StringComparer.Ordinal)];

    [Theory]
    [MemberData(nameof(Inputs))]
    public void FuzzInput_EveryPacketReadHoldsItsOwnSsrc(string file)
    {
        byte[] data = File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "Data", "fuzz", "rtcp", file));

        var reader = new RtcpCompoundReader(data);
        while (reader.TryReadNext(out RtcpHeader header, out ReadOnlySpan<byte> packet))
        {
            Assert.True(packet.Length >= RtcpHeader.Length);
            Assert.Equal(header.PacketLength, packet.Length);
            _ = RtcpReportBlock.ReadAll(packet);
        }

        _ = RtcpCompoundReader.IsValid(data);
    }

    [Fact]
    public void CompoundReader_ReceiverReportWithLengthZero_MalformedInsteadOfBorrowingTheNextSsrc()
    {
        // RR whose length field says "header only", then an SDES: the RR must not report the SDES header as its SSRC.
        byte[] data = [0x81, 201, 0, 0, 0x81, 202, 0, 0, 0xFF, 0x63, 0x5D, 0x9E, 0x6D, 0x65];

        var reader = new RtcpCompoundReader(data);

        Assert.False(reader.TryReadNext(out _, out _));
        Assert.True(reader.IsMalformed);
        Assert.False(RtcpCompoundReader.IsValid(data));
    }

    [Fact]
    public void CompoundReader_ReceiverReportThenByeWithOneSource_StillValid()
    {
        byte[] data = [0x80, 201, 0, 1, 0, 0, 0, 7, 0x81, 203, 0, 1, 0, 0, 0, 7];

        Assert.True(RtcpCompoundReader.IsValid(data));
    }
}
