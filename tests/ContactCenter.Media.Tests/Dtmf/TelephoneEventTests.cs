using ContactCenter.Media.Dtmf;

namespace ContactCenter.Media.Tests.Dtmf;

public sealed class TelephoneEventTests
{
    [Fact]
    public void TryParse_EndOfDigitFive_ReadsFields()
    {
        byte[] payload = [0x05, 0x8A, 0x03, 0x20];

        bool ok = TelephoneEvent.TryParse(payload, out TelephoneEvent value);

        Assert.True(ok);
        Assert.Equal(new TelephoneEvent(5, true, 10, 800), value);
    }

    [Fact]
    public void TryParse_ReservedBitSet_Ignored()
    {
        bool ok = TelephoneEvent.TryParse([0x0B, 0x4A, 0x00, 0xA0], out TelephoneEvent value);

        Assert.True(ok);
        Assert.Equal(new TelephoneEvent(11, false, 10, 160), value);
    }

    [Fact]
    public void TryWrite_ThenParse_RoundTrips()
    {
        var original = new TelephoneEvent(16, true, 63, 65535);
        byte[] buffer = new byte[4];

        Assert.True(original.TryWrite(buffer));
        Assert.True(TelephoneEvent.TryParse(buffer, out TelephoneEvent parsed));

        Assert.Equal(original, parsed);
    }

    [Fact]
    public void TryParse_Short_ReturnsFalse()
    {
        Assert.False(TelephoneEvent.TryParse([1, 2, 3], out _));
    }

    [Fact]
    public void TryWrite_VolumeOver63_ReturnsFalse()
    {
        Assert.False(new TelephoneEvent(1, false, 64, 0).TryWrite(new byte[4]));
    }

    [Theory]
    [InlineData(0, '0')]
    [InlineData(9, '9')]
    [InlineData(10, '*')]
    [InlineData(11, '#')]
    [InlineData(12, 'A')]
    [InlineData(15, 'D')]
    [InlineData(16, '!')]
    public void TryGetDigit_DtmfEvent_MapsPerRfc4733(byte code, char digit)
    {
        Assert.True(TelephoneEvent.TryGetDigit(code, out char mapped));
        Assert.Equal(digit, mapped);
    }

    [Fact]
    public void TryGetDigit_NonDtmfEvent_ReturnsFalse()
    {
        Assert.False(TelephoneEvent.TryGetDigit(32, out _));
    }
}
