using System.Net;
using ContactCenter.Sip.Syntax;
using ContactCenter.Sip.Syntax.Headers;
using ContactCenter.Sip.Transport;
using ContactCenter.Sip.UserAgents.Dialogs;
using ContactCenter.Sip.UserAgents.Recovery;
using ContactCenter.Sip.UserAgents.Registration;
using ContactCenter.Sip.UserAgents.Tests.Dialogs;
using Microsoft.Extensions.Logging.Abstractions;

namespace ContactCenter.Sip.UserAgents.Tests.Recovery;

/// <summary>
/// Crash recovery's BYE for a TCP phone whose connection died with the last run: it goes out when the phone registers
/// again on a new connection (over that connection), and not at all once the window has passed.
/// </summary>
public sealed class OrphanByeRetryTests : IDisposable
{
    private static readonly TimeSpan Window = TimeSpan.FromMinutes(5);
    private static readonly IPEndPoint DeadConnection = new(IPAddress.Parse("192.0.2.20"), 40001);
    private static readonly IPEndPoint NewConnection = new(IPAddress.Parse("192.0.2.20"), 40002);

    private readonly DialogTestStack _stack = new();
    private readonly RegistrarHarness _registrar = new();
    private readonly OrphanByeRetry _retry;

    public OrphanByeRetryTests() =>
        _retry = new OrphanByeRetry(_registrar.Locations, _stack.Dialogs, _stack.Time, NullLogger<OrphanByeRetry>.Instance);

    [Fact]
    public void Wait_PhoneRegistersAgainOnANewConnection_ByeInTheDialogGoesOverIt()
    {
        Assert.True(_retry.Wait(Orphan(), Window));

        RegisterAgain("1001", NewConnection);

        var bye = Assert.Single(_stack.Transport.SentRequests(SipMethod.Bye));
        Assert.Equal(new SipEndPoint(SipTransportProtocol.Tcp, NewConnection), bye.Destination);
        var request = (SipRequest)bye.Message;
        Assert.Equal(("orphan-call", "sip:1001@192.0.2.20:40001;transport=tcp", 1_042u + DialogSnapshot.SequenceGap + 1),
            (request.CallId, request.RequestUri.ToString(), request.CSeq.Number));
        Assert.Equal(0, _retry.Count);
    }

    [Fact]
    public void Wait_AnotherExtensionOrTheDeadConnectionRegisters_NoBye()
    {
        _retry.Wait(Orphan(), Window);

        RegisterAgain("1002", NewConnection);
        RegisterAgain("1001", DeadConnection); // the binding restored from disk: the connection that died

        Assert.Empty(_stack.Transport.SentRequests(SipMethod.Bye));
        Assert.Equal(1, _retry.Count);
    }

    [Fact]
    public void Wait_PhoneRegistersAfterTheWindow_NoBye()
    {
        _retry.Wait(Orphan(), Window);

        _stack.Time.Advance(Window + TimeSpan.FromSeconds(1));
        RegisterAgain("1001", NewConnection);

        Assert.Empty(_stack.Transport.SentRequests(SipMethod.Bye));
        Assert.Equal(0, _retry.Count);
    }

    public void Dispose()
    {
        _retry.Dispose();
        _registrar.Dispose();
        _stack.Dispose();
    }

    // A dialog the engine had with 1001's phone over a TCP connection of the last run (the engine placed the call: UAC).
    private static DialogSnapshot Orphan() => new("orphan-call", "our-tag", "phone-tag", IsUac: true, "<sip:7000@192.0.2.1>;tag=our-tag",
        "<sip:1001@192.0.2.1>;tag=phone-tag", "<sip:7000@192.0.2.1:5060;transport=tcp>", "sip:1001@192.0.2.20:40001;transport=tcp", [],
        1_042, IsSecure: false, SipTransportProtocol.Tcp, DeadConnection.ToString());

    private void RegisterAgain(string extension, IPEndPoint from)
    {
        var now = _registrar.Time.GetUtcNow();
        _registrar.Locations.Restore(new ContactBinding(extension,
            SipNameAddress.Parse($"<sip:{extension}@{from.Address}:{from.Port};transport=tcp>"), new SipEndPointInfo("TCP", from.Address, from.Port),
            "register-" + from.Port, 1, now, now + TimeSpan.FromHours(1)));
    }
}
