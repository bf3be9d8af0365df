namespace ContactCenter.Sdp.Tests;

public sealed class SdpCryptoTests
{
    [Fact]
    public void TryParse_Rfc4568Example_ReadsTagSuiteKeyLifetimeAndMki()
    {
        bool ok = SdpCrypto.TryParse("1 AES_CM_128_HMAC_SHA1_80 inline:PS1uQCVeeCFCanVmcjkpPywjNWhcYD0mXXtxaVBR|2^20|1:4", out SdpCrypto? crypto);

        Assert.True(ok);
        Assert.Equal(1, crypto!.Tag);
        Assert.Equal("AES_CM_128_HMAC_SHA1_80", crypto.Suite);
        SdpCryptoKey key = Assert.Single(crypto.Keys);
        Assert.Equal("PS1uQCVeeCFCanVmcjkpPywjNWhcYD0mXXtxaVBR", key.KeySalt);
        Assert.Equal(1L << 20, key.LifetimePackets);
        Assert.Equal((1, 4), (key.MkiValue, key.MkiLength));
        Assert.Equal(30, key.DecodeKeySalt()!.Length);
    }

    [Theory]
    [InlineData("1 AES_CM_128_HMAC_SHA1_80 inline:PS1uQCVeeCFCanVmcjkpPywjNWhcYD0mXXtxaVBR")]
    [InlineData("2 AES_CM_128_HMAC_SHA1_32 inline:PS1uQCVeeCFCanVmcjkpPywjNWhcYD0mXXtxaVBR|1048576 UNENCRYPTED_SRTCP")]
    [InlineData("3 AES_CM_128_HMAC_SHA1_80 inline:PS1uQCVeeCFCanVmcjkpPywjNWhcYD0mXXtxaVBR|2^20|1:4;inline:QUJDREVGR0hJSktMTU5PUFFSU1RVVldYWVoxMjM0|2^20|2:4")]
    public void ToAttribute_Parsed_WritesTheSameValue(string value)
    {
        Assert.True(SdpCrypto.TryParse(value, out SdpCrypto? crypto));

        SdpAttribute attribute = crypto!.ToAttribute();

        Assert.Equal(("crypto", value), (attribute.Name, attribute.Value));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("0 AES_CM_128_HMAC_SHA1_80 inline:PS1uQCVeeCFCanVmcjkpPywjNWhcYD0mXXtxaVBR")]          // tag 0
    [InlineData("1234567890 AES_CM_128_HMAC_SHA1_80 inline:PS1uQCVeeCFCanVmcjkpPywjNWhcYD0mXXtxaVBR")] // 10 digits
    [InlineData("1 AES_CM_128_HMAC_SHA1_80")]                                                          // no key
    [InlineData("1 AES_CM_128_HMAC_SHA1_80 PS1uQCVeeCFCanVmcjkpPywjNWhcYD0mXXtxaVBR")]                  // no inline:
    [InlineData("1 AES_CM_128_HMAC_SHA1_80 inline:")]
    [InlineData("1 AES_CM_128_HMAC_SHA1_80 inline:PS1u!CVe")]                                          // not base64
    [InlineData("1 AES_CM_128_HMAC_SHA1_80 inline:PS1uQCVeeCFCanVmcjkpPywjNWhcYD0mXXtxaVBR|1:200")]    // MKI over 128 bytes
    [InlineData("1 AES_CM_128_HMAC_SHA1_80 inline:PS1uQCVeeCFCanVmcjkpPywjNWhcYD0mXXtxaVBR|1:4|2^20")] // lifetime after MKI
    [InlineData("1 AES-CM inline:PS1uQCVeeCFCanVmcjkpPywjNWhcYD0mXXtxaVBR")]                           // suite grammar
    public void TryParse_Malformed_Refused(string? value)
    {
        Assert.False(SdpCrypto.TryParse(value, out _));
    }

    [Fact]
    public void From_MediaWithCryptoLines_ListsTheWellFormedOnesInOrder()
    {
        var media = new SdpMedia("audio", 4000, "RTP/SAVP", ["0"])
        {
            Attributes =
            [
                new SdpAttribute("crypto", "2 AES_CM_128_HMAC_SHA1_32 inline:PS1uQCVeeCFCanVmcjkpPywjNWhcYD0mXXtxaVBR"),
                new SdpAttribute("crypto", "garbage"),
                new SdpAttribute("crypto", "1 AES_CM_128_HMAC_SHA1_80 inline:PS1uQCVeeCFCanVmcjkpPywjNWhcYD0mXXtxaVBR"),
            ],
        };

        IReadOnlyList<SdpCrypto> found = SdpCrypto.From(media);

        Assert.Equal([2, 1], found.Select(c => c.Tag));
    }
}
