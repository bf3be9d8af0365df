using ContactCenter.Sdp;
using ContactCenter.Sip.Syntax;
using ContactCenter.Sip.Syntax.Building;
using ContactCenter.Sip.Syntax.Headers;
using ContactCenter.Sip.Transport;
using ContactCenter.Sip.UserAgents.Dialogs;
using ContactCenter.Sip.UserAgents.Registration;

namespace ContactCenter.Sip.UserAgents.Sessions;

/// <summary>How our side of a call writes its SIP: its Contact, the INVITE that starts an outgoing leg, SDP bodies, a quiet BYE.</summary>
public static class SessionRequests
{
    /// <summary>The Content-Type of SDP bodies.</summary>
    public const string SdpContentType = "application/sdp";

    /// <summary>The methods the engine takes within a call (RFC 3261 §20.5 Allow).</summary>
    public const string Allow = "INVITE, ACK, BYE, CANCEL, OPTIONS, REFER, UPDATE";

    /// <summary>Our Contact for dialogs over <paramref name="protocol"/>: <c>&lt;sip:USER@address:port[;transport=tcp|tls]&gt;</c>.</summary>
    public static SipNameAddress Contact(ISipTransport transport, SipTransportProtocol protocol, string user)
    {
        var local = transport.GetLocalEndPoint(protocol);
        IEnumerable<SipParameter>? parameters = SipEndPoint.UriTransportOf(protocol) is { } transportName ? [new SipParameter("transport", transportName)] : null;
        return SipNameAddress.Create(SipUri.Create(SipUriScheme.Sip, user, local.EndPoint.Address.ToString(), local.EndPoint.Port, parameters));
    }

    /// <summary>Where requests for a registered contact go: the address its REGISTER came from, over the same transport.</summary>
    public static SipEndPoint Destination(ContactBinding binding) =>
        new(SipEndPoint.ParseTransport(binding.Source.Transport) ?? SipTransportProtocol.Udp, binding.Source.EndPoint);

    /// <summary>
    /// An initial INVITE (RFC 3261 §8.1.1) to <paramref name="target"/> at <paramref name="destination"/>, from the
    /// calling party <paramref name="callerNumber"/>, with our SDP offer and session timers offered (RFC 4028 §7.1,
    /// intervals from <paramref name="sessionTimers"/>).
    /// </summary>
    public static SipRequest Invite(ISipTransport transport, SipUri target, SipEndPoint destination, string calledUser, string callerNumber,
        string? callerDisplay, string contactUser, SdpSession offer, Guid callId, SessionTimerPolicy sessionTimers)
    {
        var local = transport.GetLocalEndPoint(destination.Protocol);
        var host = local.EndPoint.Address.ToString();
        var via = SipVia.Create(local.ViaTransport, host, local.EndPoint.Port, SipIds.NewBranch(), requestRPort: true);
        var from = SipNameAddress.Create(SipUri.Create(SipUriScheme.Sip, UserPart(callerNumber), host), callerDisplay).WithTag(SipIds.NewTag());
        var to = SipNameAddress.Create(SipUri.Create(SipUriScheme.Sip, calledUser, host));
        var builder = SipRequestBuilder.Create(SipMethod.Invite, target.WithoutHeaders(), via, from, to, SipIds.NewCallId(), 1);
        SessionTimerNegotiation.Offer(builder, sessionTimers, null);
        return builder
            .AddContact(Contact(transport, destination.Protocol, contactUser))
            .AddHeader(SipHeaderKind.Allow, Allow)
            .AddHeader("X-ContactCenter-Call", callId.ToString("D"))
            .SetBody(SdpWriter.ToBytes(offer), SdpContentType)
            .Build();
    }

    /// <summary>The SDP body of <paramref name="message"/>, parsed; false when it has none or it does not parse.</summary>
    public static bool TryGetSdp(SipMessage message, out SdpSession? session, out bool present)
    {
        session = null;
        present = !message.Body.IsEmpty;
        if (!present)
        {
            return false;
        }

        if (message.Headers.TryGetFirst(SipHeaderKind.ContentType, out var type)
            && !type.GetValueString().StartsWith(SdpContentType, StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        return SdpParser.TryParse(message.Body.Span, out session, out _);
    }

    /// <summary>A calling number usable as a SIP user part: digits, +, *, letters; anything else makes it anonymous.</summary>
    public static string UserPart(string number) =>
        number.Length is > 0 and <= 32 && number.All(c => char.IsAsciiLetterOrDigit(c) || c is '+' or '*' or '.' or '-' or '_')
            ? number
            : "anonymous";

    /// <summary>
    /// BYE in <paramref name="dialog"/> when it is confirmed (<paramref name="customize"/> may add to it, e.g. credentials);
    /// a send that fails is reported to <paramref name="failed"/>, never thrown.
    /// </summary>
    public static async Task ByeQuietlyAsync(DialogManager dialogs, SipDialog dialog, Action<Exception> failed, Action<SipRequestBuilder>? customize = null)
    {
        ArgumentNullException.ThrowIfNull(dialogs);
        ArgumentNullException.ThrowIfNull(dialog);
        ArgumentNullException.ThrowIfNull(failed);
        if (dialog.State != SipDialogState.Confirmed)
        {
            return;
        }

        try
        {
            await dialogs.SendRequestAsync(dialog, SipMethod.Bye, customize, CancellationToken.None).ConfigureAwait(false);
        }
        catch (InvalidOperationException)
        {
            // The dialog ended in between.
        }
#pragma warning disable CA1031 // A failed BYE (transport) is reported; the call still ends.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            failed(ex);
        }
    }
}
