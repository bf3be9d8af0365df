using ContactCenter.Media.Srtp;

namespace ContactCenter.Media.Tests.Srtp;

public sealed class SrtpKeyDerivationTests
{
    [Theory]
    // RFC 3711 Appendix B.3.
    [InlineData(SrtpKeyDerivation.RtpEncryption, "C61E7A93744F39EE10734AFE3FF7A087")]
    [InlineData(SrtpKeyDerivation.RtpSalt, "30CBBC08863D8C85D49DB34A9AE1")]
    [InlineData(SrtpKeyDerivation.RtpAuthentication, "CEBE321F6FF7716B6FD4AB49AF256A156D38BAA4")]
    public void Derive_Rfc3711Vectors_GiveTheSessionKeys(byte label, string expected)
    {
        SrtpMasterKey.TryCreate(SrtpSuite.AesCm128HmacSha1x80,
            Convert.FromHexString("E1F97A0D3E018BE0D64FA32C06DE4139" + "0EC675AD498AFEEBB6960B3AABE6"), out SrtpMasterKey? master);
        byte[] key = new byte[expected.Length / 2];

        SrtpKeyDerivation.Derive(master!, label, key);

        Assert.Equal(expected, Convert.ToHexString(key));
    }

    [Fact]
    public void MasterKey_ToString_NeverShowsTheKey()
    {
        SrtpMasterKey key = SrtpMasterKey.Generate(SrtpSuite.AesCm128HmacSha1x80);

        Assert.DoesNotContain(key.ToBase64(), key.ToString(), StringComparison.Ordinal);
    }
}
