using ContactCenter.Sip.UserAgents.Authentication;

namespace ContactCenter.Sip.UserAgents.Tests.Authentication;

public sealed class InMemorySipCredentialStoreTests
{
    [Theory]
    [InlineData(DigestAlgorithm.Md5)]
    [InlineData(DigestAlgorithm.Sha256)]
    [InlineData(DigestAlgorithm.Sha256Sess)]
    public async Task TryGetAsync_PasswordEntry_ReturnsHa1ForAlgorithm(DigestAlgorithm algorithm)
    {
        var store = new InMemorySipCredentialStore("pbx", [new SipCredentialEntry { Extension = "1001", Password = "pw" }]);

        var ha1 = await store.TryGetAsync("1001", "pbx", algorithm, CancellationToken.None);

        Assert.Equal(DigestCalculator.ComputeHa1(DigestAlgorithms.GetBase(algorithm), "1001", "pbx", "pw"), ha1);
    }

    [Fact]
    public async Task TryGetAsync_Ha1OnlyEntry_ReturnsLowerCaseHa1AndNullForMissingAlgorithm()
    {
        var md5 = DigestCalculator.ComputeHa1(DigestAlgorithm.Md5, "1001", "pbx", "pw");
        var store = new InMemorySipCredentialStore("pbx", [new SipCredentialEntry { Extension = "1001", Ha1Md5 = md5.ToUpperInvariant() }]);

        var gotMd5 = await store.TryGetAsync("1001", "pbx", DigestAlgorithm.Md5, CancellationToken.None);
        var gotSha = await store.TryGetAsync("1001", "pbx", DigestAlgorithm.Sha256, CancellationToken.None);

        Assert.Equal(md5, gotMd5);
        Assert.Null(gotSha);
    }

    [Theory]
    [InlineData("1002", "pbx")]
    [InlineData("1001", "other")]
    public async Task TryGetAsync_UnknownExtensionOrRealm_ReturnsNull(string extension, string realm)
    {
        var store = new InMemorySipCredentialStore("pbx", [new SipCredentialEntry { Extension = "1001", Password = "pw" }]);

        var ha1 = await store.TryGetAsync(extension, realm, DigestAlgorithm.Md5, CancellationToken.None);

        Assert.Null(ha1);
    }

    [Fact]
    public void Constructor_DuplicateExtension_Throws()
    {
        SipCredentialEntry[] entries = [new() { Extension = "1001", Password = "a" }, new() { Extension = "1001", Password = "b" }];

        Assert.Throws<ArgumentException>(() => new InMemorySipCredentialStore("pbx", entries));
    }
}
