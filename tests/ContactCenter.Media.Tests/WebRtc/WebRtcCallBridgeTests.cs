using ContactCenter.Media.WebRtc;

namespace ContactCenter.Media.Tests.WebRtc;

/// <summary>The browser leg's RFC 4733 events between the browser's event clock (48 kHz with Opus) and the call's 8 kHz.</summary>
public sealed class WebRtcCallBridgeTests
{
    [Theory]
    [InlineData(48_000, 8_000, 4_800, 800)]      // 100 ms from the browser
    [InlineData(8_000, 48_000, 800, 4_800)]      // 100 ms toward the browser
    [InlineData(8_000, 48_000, 20_000, 65_535)]  // too long for 16 bits at 48 kHz: held at the largest duration
    [InlineData(8_000, 8_000, 1_234, 1_234)]     // G.711 browser: unchanged
    public void RescaleEvent_KeepsEventAndFlags_ScalesTheDuration(int fromClock, int toClock, int duration, int expected)
    {
        byte[] source = [5, 0x8A, (byte)(duration >> 8), (byte)duration];
        var destination = new byte[4];

        var length = WebRtcCallBridge.RescaleEvent(source, destination, toClock, fromClock);

        Assert.Equal(4, length);
        Assert.Equal(5, destination[0]);
        Assert.Equal(0x8A, destination[1]);
        Assert.Equal(expected, (destination[2] << 8) | destination[3]);
    }
}
