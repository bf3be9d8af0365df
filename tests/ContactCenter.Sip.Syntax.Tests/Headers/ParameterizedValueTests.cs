using System.Text;
using ContactCenter.Sip.Syntax.Headers;

namespace ContactCenter.Sip.Syntax.Tests.Headers;

/// <summary>Table tests for the <c>value *(SEMI param)</c> family: Content-Type, Event, Session-Expires, Replaces.</summary>
public sealed class ParameterizedValueTests
{
    [Theory]
    [InlineData("application/sdp", "application", "sdp", null)]
    [InlineData("multipart/mixed;boundary=unique-boundary-1", "multipart", "mixed", "unique-boundary-1")]
    [InlineData("text/plain ; charset=\"utf-8\"", "text", "plain", null)]
    [InlineData("Application / SDP", "Application", "SDP", null)]
    public void SipMediaType_Valid_ReadsParts(string value, string type, string subtype, string? boundary)
    {
        var ok = SipMediaType.TryParse(Encoding.ASCII.GetBytes(value), out var mediaType);

        Assert.True(ok);
        Assert.Equal((type, subtype, boundary), (mediaType!.Type, mediaType.Subtype, mediaType.Parameters.GetValueOrDefault("boundary")));
    }

    [Theory]
    [InlineData("")]
    [InlineData("application")]
    [InlineData("application/")]
    [InlineData("a/b/c")]
    [InlineData("text/plain;=x")]
    public void SipMediaType_Invalid_ReturnsFalse(string value)
    {
        var ok = SipMediaType.TryParse(Encoding.ASCII.GetBytes(value), out _);

        Assert.False(ok);
    }

    [Theory]
    [InlineData("refer", "refer", null)]
    [InlineData("dialog;id=12;call-id=x", "dialog", "12")]
    [InlineData("message-summary", "message-summary", null)]
    public void SipEvent_Valid_ReadsPackageAndId(string value, string package, string? id)
    {
        var ok = SipEvent.TryParse(Encoding.ASCII.GetBytes(value), out var sipEvent);

        Assert.True(ok);
        Assert.Equal((package, id), (sipEvent!.Package, sipEvent.Id));
    }

    [Theory]
    [InlineData("")]
    [InlineData("two words")]
    [InlineData("refer;")]
    public void SipEvent_Invalid_ReturnsFalse(string value)
    {
        var ok = SipEvent.TryParse(Encoding.ASCII.GetBytes(value), out _);

        Assert.False(ok);
    }

    [Theory]
    [InlineData("1800", 1800, null)]
    [InlineData("90;refresher=uas", 90, "uas")]
    public void SipSessionExpires_Valid_ReadsSecondsAndRefresher(string value, int seconds, string? refresher)
    {
        var ok = SipSessionExpires.TryParse(Encoding.ASCII.GetBytes(value), out var se);

        Assert.True(ok);
        Assert.Equal((seconds, refresher), (se!.Seconds, se.Refresher));
    }

    [Theory]
    [InlineData("")]
    [InlineData("-5")]
    [InlineData("soon")]
    [InlineData("99999999999")]
    public void SipSessionExpires_Invalid_ReturnsFalse(string value)
    {
        var ok = SipSessionExpires.TryParse(Encoding.ASCII.GetBytes(value), out _);

        Assert.False(ok);
    }

    [Theory]
    [InlineData("425928@bobster.example.org;to-tag=7743;from-tag=6472", "425928@bobster.example.org", "7743", "6472", false)]
    [InlineData("98732@sip.example.com ; from-tag=r33th4x0r ; to-tag=ff87ff ; early-only", "98732@sip.example.com", "ff87ff", "r33th4x0r", true)]
    public void SipReplaces_Valid_ReadsDialog(string value, string callId, string toTag, string fromTag, bool earlyOnly)
    {
        var ok = SipReplaces.TryParse(Encoding.ASCII.GetBytes(value), out var replaces);

        Assert.True(ok);
        Assert.Equal((callId, toTag, fromTag, earlyOnly), (replaces!.CallId, replaces.ToTag, replaces.FromTag, replaces.EarlyOnly));
    }

    [Theory]
    [InlineData("")]
    [InlineData("abc@host;to-tag=1")]
    [InlineData("abc@host;from-tag=1")]
    [InlineData("abc def;to-tag=1;from-tag=2")]
    public void SipReplaces_Invalid_ReturnsFalse(string value)
    {
        var ok = SipReplaces.TryParse(Encoding.ASCII.GetBytes(value), out _);

        Assert.False(ok);
    }
}
