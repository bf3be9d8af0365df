using System.Text;
using ContactCenter.Sip.Syntax.Headers;

namespace ContactCenter.Sip.Syntax.Tests;

public sealed class SipIdsTests
{
    [Fact]
    public void NewBranch_Always_StartsWithMagicCookieAndIsUnique()
    {
        var branches = Enumerable.Range(0, 1000).Select(_ => SipIds.NewBranch()).ToHashSet();

        Assert.Equal(1000, branches.Count);
        Assert.All(branches, b => Assert.StartsWith("z9hG4bK", b, StringComparison.Ordinal));
        Assert.True(SipVia.Create("UDP", "h", null, branches.First()).HasRfc3261Branch);
    }

    [Fact]
    public void SecureIds_DrawnOnManyThreadsAcrossTheirBufferedBlocks_AreAllDistinctTokens()
    {
        // Each thread draws the CSPRNG's bytes a block at a time: no byte may be handed out twice, on one thread or across.
        var ids = new System.Collections.Concurrent.ConcurrentBag<string>();
        Parallel.For(0, 8, new ParallelOptions { MaxDegreeOfParallelism = 8 }, _ =>
        {
            for (var i = 0; i < 2_000; i++)
            {
                ids.Add(SipIds.NewTag());
                ids.Add(SipIds.NewCallId());
            }
        });

        Assert.Equal(32_000, ids.Distinct(StringComparer.Ordinal).Count());
        Assert.All(ids, id => Assert.Matches("^[a-z0-9]{12}([a-z0-9]{12})?$", id));
    }

    [Fact]
    public void NewTag_SeededRandom_IsRepeatableToken()
    {
        var first = SipIds.NewTag(new Random(7));
        var second = SipIds.NewTag(new Random(7));

        Assert.Equal(first, second);
        Assert.Matches("^[a-z0-9]{12}$", first);
    }

    [Fact]
    public void NewCallId_WithHost_IsValidCallId()
    {
        var callId = SipIds.NewCallId("10.0.0.5");
        var text = TestData.Options.Replace("a84b4c76e66710@pc33.example.com", callId, StringComparison.Ordinal);

        var message = SipParser.Parse(Encoding.ASCII.GetBytes(text.ReplaceLineEndings("\r\n")));

        Assert.EndsWith("@10.0.0.5", message.CallId, StringComparison.Ordinal);
        Assert.Equal(callId, message.CallId);
    }
}
