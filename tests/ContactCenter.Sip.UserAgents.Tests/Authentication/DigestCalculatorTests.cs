using ContactCenter.Sip.UserAgents.Authentication;

namespace ContactCenter.Sip.UserAgents.Tests.Authentication;

public sealed class DigestCalculatorTests
{
    [Fact]
    public void ComputeResponse_Rfc2617Section35Example_MatchesPublishedResponse()
    {
        var ha1 = DigestCalculator.ComputeHa1(DigestAlgorithm.Md5, "Mufasa", "testrealm@host.com", "Circle Of Life");
        var ha2 = DigestCalculator.ComputeHa2(DigestAlgorithm.Md5, "GET", "/dir/index.html");

        var response = DigestCalculator.ComputeResponse(DigestAlgorithm.Md5, ha1, "dcd98b7102dd2f0e8b11d0f600bfb0c093", "00000001", "0a4f113b", "auth", ha2);

        Assert.Equal("6629fae49393a05397450978507c4ef1", response);
    }

    [Theory]
    [InlineData(DigestAlgorithm.Sha256, "753927fa0e85d155564e2e272a28d1802ca10daf4496794697cf8db5856cb6c1")]
    [InlineData(DigestAlgorithm.Md5, "8ca523f5e9506fed4657c9700eebdbec")]
    public void ComputeResponse_Rfc7616Section391Example_MatchesPublishedResponse(DigestAlgorithm algorithm, string expected)
    {
        const string nonce = "7ypf/xlj9XXwfDPEoM4URrv/xwf94BcCAzFZH4GiTo0v";
        var ha1 = DigestCalculator.ComputeHa1(algorithm, "Mufasa", "http-auth@example.org", "Circle of Life");
        var ha2 = DigestCalculator.ComputeHa2(algorithm, "GET", "/dir/index.html");

        var response = DigestCalculator.ComputeResponse(algorithm, ha1, nonce, "00000001", "f2/wE4q74E6zIJEtWaHKaf5wv/H5QzzpXusqGemxURZJ", "auth", ha2);

        Assert.Equal(expected, response);
    }

    [Fact]
    public void ComputeEffectiveHa1_SessionAlgorithm_HashesNonceAndCnonce()
    {
        var ha1 = DigestCalculator.ComputeHa1(DigestAlgorithm.Sha256, "u", "r", "p");

        var session = DigestCalculator.ComputeEffectiveHa1(DigestAlgorithm.Sha256Sess, ha1, "n", "c");

        Assert.Equal(DigestCalculator.ComputeHa2(DigestAlgorithm.Sha256, ha1, "n:c"), session);
        Assert.Equal(ha1, DigestCalculator.ComputeEffectiveHa1(DigestAlgorithm.Sha256, ha1, "n", "c"));
    }

    [Theory]
    [InlineData(null, DigestAlgorithm.Md5)]
    [InlineData("md5", DigestAlgorithm.Md5)]
    [InlineData("SHA-256", DigestAlgorithm.Sha256)]
    [InlineData("sha-256-SESS", DigestAlgorithm.Sha256Sess)]
    [InlineData("MD5-sess", DigestAlgorithm.Md5Sess)]
    public void TryParse_AlgorithmToken_ReadsAlgorithm(string? token, DigestAlgorithm expected)
    {
        var ok = DigestAlgorithms.TryParse(token, out var algorithm);

        Assert.True(ok);
        Assert.Equal(expected, algorithm);
    }

    [Fact]
    public void TryParse_UnknownAlgorithm_ReturnsFalse()
    {
        var ok = DigestAlgorithms.TryParse("SHA-512-256", out _);

        Assert.False(ok);
    }
}
