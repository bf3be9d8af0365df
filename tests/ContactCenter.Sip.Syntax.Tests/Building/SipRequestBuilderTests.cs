using System.Text;
using ContactCenter.Sip.Syntax.Building;
using ContactCenter.Sip.Syntax.Headers;

namespace ContactCenter.Sip.Syntax.Tests.Building;

public sealed class SipRequestBuilderTests
{
    private static SipRequest Invite() => Assert.IsType<SipRequest>(SipParser.Parse(TestData.Load("Samples/invite.sip")));

    [Fact]
    public void Build_Forwarding_PushesViaDecrementsMaxForwardsAndLeavesOriginalUnchanged()
    {
        var incoming = Invite();
        var localVia = SipVia.Create("UDP", "proxy.example.com", 5060, "z9hG4bKproxy1");

        var forwarded = incoming.ToBuilder().PushVia(localVia).DecrementMaxForwards().Build();

        Assert.Equal(["z9hG4bKproxy1", "z9hG4bKnashds8", "z9hG4bK77ef4c2312983.1"], forwarded.Vias.Select(v => v.Branch));
        Assert.Equal(69, forwarded.MaxForwards);
        Assert.Equal(70, incoming.MaxForwards);
        Assert.Equal(2, incoming.Vias.Count);
        Assert.True(incoming.Body.Span.SequenceEqual(forwarded.Body.Span));
        Assert.Equal(forwarded.Body.Length, forwarded.ContentLength);
    }

    [Fact]
    public void DecrementMaxForwards_Absent_AddsSeventy()
    {
        var request = SipRequestBuilder.Create(SipMethod.Options, SipUri.Parse("sip:b@example.com"), SipVia.Create("UDP", "a.example.com", null, "z9hG4bK1"),
                SipNameAddress.Parse("<sip:a@example.com>;tag=1"), SipNameAddress.Parse("<sip:b@example.com>"), "c1", 1)
            .RemoveHeader(SipHeaderKind.MaxForwards);

        var built = request.DecrementMaxForwards().Build();

        Assert.Equal(70, built.MaxForwards);
    }

    [Fact]
    public void DecrementMaxForwards_Zero_Throws()
    {
        var builder = Invite().ToBuilder().SetMaxForwards(0);

        Assert.Throws<InvalidOperationException>(() => builder.DecrementMaxForwards());
    }

    [Fact]
    public void Create_NewRequest_HasMandatoryHeadersAndContentLength()
    {
        var builder = SipRequestBuilder.Create(
            SipMethod.Invite,
            SipUri.Parse("sip:4000@pbx.example.com"),
            SipVia.Create("TCP", "10.0.0.9", 5060, "z9hG4bKnew", requestRPort: true),
            SipNameAddress.Create(SipUri.Parse("sip:cc@example.com"), "Contact Center", [new SipParameter("tag", "t1")]),
            SipNameAddress.Create(SipUri.Parse("sip:4000@pbx.example.com")),
            "call-1@10.0.0.9",
            1);

        var request = builder.AddContact(SipNameAddress.Parse("<sip:cc@10.0.0.9:5060;transport=tcp>"))
            .SetBody(Encoding.ASCII.GetBytes("v=0\r\n"), "application/sdp")
            .Build();

        Assert.Equal("INVITE sip:4000@pbx.example.com SIP/2.0", request.ToString());
        Assert.Equal(new SipCSeq(1, SipMethod.Invite), request.CSeq);
        Assert.Equal("Contact Center", request.From.DisplayName);
        Assert.Equal(70, request.MaxForwards);
        Assert.Equal(5, request.ContentLength);
        Assert.True(request.TryGetContentType(out var contentType));
        Assert.Equal("application/sdp", contentType.MediaType);
    }

    [Fact]
    public void Build_ChangedBody_RecomputesContentLength()
    {
        var request = Invite().ToBuilder().SetBody(Encoding.ASCII.GetBytes("tiny"), "text/plain").Build();

        Assert.Equal(4, request.ContentLength);
        Assert.Equal(1, request.Headers.Count(h => h.Kind == SipHeaderKind.ContentLength));
        Assert.True(request.TryGetContentType(out var type));
        Assert.True(type.Is("text", "plain"));
    }

    [Fact]
    public void PopVia_CommaJoinedVias_RemovesOnlyTheTopElement()
    {
        var text = TestData.Options.Replace("Via: SIP/2.0/UDP pc33.example.com;branch=z9hG4bK776asdhds",
            "Via: SIP/2.0/UDP a.example.com;branch=z9hG4bKa, SIP/2.0/UDP b.example.com;branch=z9hG4bKb", StringComparison.Ordinal);
        var request = Assert.IsType<SipRequest>(TestData.Parse(text));

        var popped = request.ToBuilder().PopVia().Build();

        Assert.Equal("b.example.com", Assert.Single(popped.Vias).Host);
    }

    [Fact]
    public void ReplaceTopVia_ReceivedStamp_ChangesOnlyTopVia()
    {
        var request = Invite();

        var stamped = request.ToBuilder().ReplaceTopVia(request.TopVia.WithReceived("192.0.2.44", 40000)).Build();

        Assert.Equal(("192.0.2.44", 40000), (stamped.TopVia.Received, stamped.TopVia.RPort));
        Assert.Equal(request.Vias[1].ToString(), stamped.Vias[1].ToString());
    }

    [Theory]
    [InlineData("X-Bad", "value\r\nInjected: yes")]
    [InlineData("Bad Name", "value")]
    [InlineData("", "value")]
    public void AddHeader_InvalidNameOrValue_Throws(string name, string value)
    {
        var builder = Invite().ToBuilder();

        Assert.Throws<ArgumentException>(() => builder.AddHeader(name, value));
    }

    [Fact]
    public void Build_InvalidCoreValue_ThrowsInvalidOperation()
    {
        var builder = Invite().ToBuilder().SetHeader("CSeq", "not a cseq");

        Assert.Throws<InvalidOperationException>(() => builder.Build());
    }

    [Fact]
    public void SetHeader_CompactFormPresent_ReplacesIt()
    {
        var request = Assert.IsType<SipRequest>(SipParser.Parse(TestData.Load("Valid/lwsdisp.sip")));

        var rebuilt = request.ToBuilder().SetHeader("Subject", "hello").SetHeader("s", "bye").Build();

        Assert.Equal(["bye"], rebuilt.Headers.GetAll(SipHeaderKind.Subject).Select(h => h.GetValueString()));
    }
}
