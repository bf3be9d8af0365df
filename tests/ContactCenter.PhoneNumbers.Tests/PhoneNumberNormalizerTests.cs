using ContactCenter.PhoneNumbers;
using Microsoft.Extensions.Options;

namespace ContactCenter.PhoneNumbers.Tests;

public sealed class PhoneNumberNormalizerTests
{
    private static PhoneNumberNormalizer Create(string region = "RU", string area = "495") =>
        new(Options.Create(new PhoneNumberOptions { DefaultRegion = region, DefaultAreaCode = area }));

    [Theory]
    [InlineData("+7 495 100-00-01", "+74951000001")]
    [InlineData("84951000001", "+74951000001")]
    [InlineData("74951000001", "+74951000001")]
    [InlineData("(495) 100-00-01", "+74951000001")]
    [InlineData("8 (495) 100-00-01", "+74951000001")]
    [InlineData("+74951000001", "+74951000001")]
    [InlineData("0074951000001", "+74951000001")]
    [InlineData("100-00-01", "+74951000001")]
    [InlineData("+7 482 200-00-04", "+74822000004")]
    [InlineData("8 482 200 00 04", "+74822000004")]
    [InlineData("+44 20 7946 0958", "+442079460958")]
    public void TryNormalize_DemoFormats_GiveE164(string raw, string expected)
    {
        var normalizer = Create();

        var ok = normalizer.TryNormalize(raw, out var e164);

        Assert.True(ok, raw);
        Assert.Equal(expected, e164);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData(null)]
    [InlineData("1001")]
    [InlineData("7000")]
    [InlineData("anonymous")]
    [InlineData("+7 495 abc")]
    [InlineData("++74951000001")]
    [InlineData("1234567890123456789")]
    public void TryNormalize_NotAPhoneNumber_Refused(string? raw)
    {
        var normalizer = Create();

        var ok = normalizer.TryNormalize(raw, out var e164);

        Assert.False(ok);
        Assert.Equal("", e164);
    }

    [Fact]
    public void TryNormalize_NoDefaultArea_LocalNumberRefused()
    {
        var normalizer = Create(area: "");

        Assert.False(normalizer.TryNormalize("100-00-01", out _));
    }

    [Fact]
    public void TryNormalize_OtherDefaultRegion_ReadsNationalFormOfThatCountry()
    {
        var normalizer = Create(region: "GB", area: "");

        Assert.True(normalizer.TryNormalize("020 7946 0958", out var e164));
        Assert.Equal("+442079460958", e164);
    }
}
