using ContactCenter.Sip.Syntax;
using ContactCenter.Sip.Syntax.Building;
using ContactCenter.Sip.Transactions;
using ContactCenter.Sip.Transport;
using ContactCenter.Sip.UserAgents.Dialogs;
using ContactCenter.Sip.UserAgents.Registration;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ContactCenter.Sip.UserAgents.Core;

/// <summary>
/// The transaction user of the service (RFC 3261 §8.2): checks every new request the way a UAS must
/// (416, 420, 483, 405, 501), answers OPTIONS, hands REGISTER to the registrar, sends requests within a dialog
/// (To tag present) to the dialog layer, and passes out-of-dialog session requests to the call engine when one is
/// composed in.
/// </summary>
/// <remarks>
/// REGISTER and OPTIONS are answered here even with a To tag: neither changes a dialog, and OPTIONS gets the same answer
/// inside a dialog as outside (RFC 3261 §11.2), so keep-alives from phones that tag them keep working. Without a
/// <see cref="DialogManager"/> no dialog can exist, so every other tagged request gets 481 (RFC 3261 §12.2.2).
/// </remarks>
public sealed partial class UserAgentCore(
    Registrar registrar,
    IOptions<UserAgentCoreOptions> options,
    ILogger<UserAgentCore> logger,
    ISessionRequestHandler? sessions = null,
    DialogManager? dialogs = null) : ISipRequestHandler
{
    /// <summary>Option tags the core supports (RFC 3261 §19.2); with the session handler's, anything else in Require gets 420.</summary>
    private static readonly string[] CoreOptionTags = ["path", "outbound"];

    private static readonly string[] CoreMethods = ["REGISTER", "OPTIONS"];

    private readonly string[] _optionTags = [.. CoreOptionTags.Concat(sessions?.OptionTags ?? []).Distinct(StringComparer.OrdinalIgnoreCase)];

    private readonly string _allow = string.Join(", ", CoreMethods.Concat(sessions?.Methods ?? []).Distinct(StringComparer.Ordinal));

    /// <inheritdoc />
    public async ValueTask OnRequestAsync(SipServerTransaction transaction, SipInboundMessage request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(transaction);
        ArgumentNullException.ThrowIfNull(request);
        var sip = (SipRequest)request.Message;
        var early = CheckRequest(sip);
        if (early is not null)
        {
            await transaction.SendResponseAsync(early, cancellationToken);
            return;
        }

        if (sip.To.Tag is not null && sip.Method.IsKnown && sip.Method != SipMethod.Register && sip.Method != SipMethod.Options)
        {
            // RFC 3261 §12.2.2: a request with a To tag belongs to a dialog; 481 when we have none such.
            if (dialogs is not null)
            {
                await dialogs.HandleRequestAsync(transaction, request, cancellationToken);
            }
            else
            {
                await transaction.SendResponseAsync(Respond(sip, SipStatusCodes.CallOrTransactionDoesNotExist), cancellationToken);
            }

            return;
        }

        switch (sip.Method.Name)
        {
            case "REGISTER":
                var source = new SipEndPointInfo(request.Source.ViaTransport, request.Source.EndPoint.Address, request.Source.EndPoint.Port);
                var answer = await registrar.HandleAsync(sip, source, cancellationToken);
                if (answer is not null)
                {
                    await transaction.SendResponseAsync(WithServer(answer), cancellationToken);
                }

                break;
            case "OPTIONS":
                // RFC 3261 §11.2: the same answer whoever is asked, so OPTIONS cannot probe extensions.
                await transaction.SendResponseAsync(Respond(sip, SipStatusCodes.OK, b => b
                    .AddHeader(SipHeaderKind.Allow, _allow)
                    .AddHeader(SipHeaderKind.Accept, "application/sdp")
                    .AddHeader(SipHeaderKind.Supported, string.Join(", ", _optionTags))), cancellationToken);
                break;
            case var method when sessions is not null && sessions.Methods.Contains(method):
                await sessions.OnRequestAsync(transaction, request, cancellationToken);
                break;
            case var _ when sip.Method.IsKnown:
                await transaction.SendResponseAsync(Respond(sip, SipStatusCodes.MethodNotAllowed, b => b.AddHeader(SipHeaderKind.Allow, _allow)), cancellationToken);
                break;
            default:
                await transaction.SendResponseAsync(Respond(sip, SipStatusCodes.NotImplemented, b => b.AddHeader(SipHeaderKind.Allow, _allow)), cancellationToken);
                break;
        }
    }

    /// <inheritdoc />
    public async ValueTask OnAckAsync(SipInboundMessage ack, CancellationToken cancellationToken)
    {
        // RFC 3261 §13.3.1.4: the ACK for a 2xx belongs to its dialog.
        if (dialogs is not null && await dialogs.HandleAckAsync(ack, cancellationToken))
        {
            return;
        }

        if (sessions is not null)
        {
            await sessions.OnAckAsync(ack, cancellationToken);
        }
    }

    /// <inheritdoc />
    public async ValueTask OnStrayResponseAsync(SipInboundMessage response, CancellationToken cancellationToken)
    {
        // RFC 3261 §13.2.2.4: a retransmitted 2xx for a dialog of ours is ACKed again.
        if (dialogs is not null && await dialogs.HandleStrayResponseAsync(response, cancellationToken))
        {
            return;
        }

        if (sessions is not null)
        {
            await sessions.OnStrayResponseAsync(response, cancellationToken);
        }
    }

    /// <inheritdoc />
    public async ValueTask OnCancelAsync(SipServerTransaction inviteTransaction, SipInboundMessage cancel, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(inviteTransaction);
        if (sessions is not null)
        {
            await sessions.OnCancelAsync(inviteTransaction, cancel, cancellationToken);
            return;
        }

        await inviteTransaction.SendResponseAsync(Respond(inviteTransaction.Request, SipStatusCodes.RequestTerminated), cancellationToken);
    }

    /// <inheritdoc />
    public void OnServerTransactionFailed(SipServerTransaction transaction, SipTransactionError reason)
    {
        ArgumentNullException.ThrowIfNull(transaction);
        if (sessions is not null)
        {
            sessions.OnServerTransactionFailed(transaction, reason);
            return;
        }

        LogTransactionFailed(logger, transaction.Request.CallId, transaction.Request.Method.Name, reason);
    }

    /// <summary>RFC 3261 §8.2.1-§8.2.2 and §16.3 checks that apply to every new request; null when it may proceed.</summary>
    private SipResponse? CheckRequest(SipRequest request)
    {
        if (request.RequestUri.Scheme is not (Syntax.SipUriScheme.Sip or Syntax.SipUriScheme.Sips or Syntax.SipUriScheme.Tel))
        {
            return Respond(request, SipStatusCodes.UnsupportedURIScheme);
        }

        if (request.MaxForwards == 0 && request.Method.Name != "OPTIONS")
        {
            return Respond(request, SipStatusCodes.TooManyHops);
        }

        if (request.TryGetTokens(SipHeaderKind.Require, out var required))
        {
            var unsupported = required.Where(t => !_optionTags.Contains(t, StringComparer.OrdinalIgnoreCase)).ToList();
            if (unsupported.Count > 0)
            {
                return Respond(request, SipStatusCodes.BadExtension, b => b.AddHeader(SipHeaderKind.Unsupported, string.Join(", ", unsupported)));
            }
        }

        return null;
    }

    private SipResponse Respond(SipRequest request, int status, Func<SipResponseBuilder, SipResponseBuilder>? configure = null)
    {
        // RFC 3261 §8.2.6.2: a UAS adds a To tag to responses outside a dialog (100 excepted).
        var builder = SipResponseBuilder.ForRequest(request, status, toTag: request.To.Tag ?? SipIds.NewTag());
        builder = configure?.Invoke(builder) ?? builder;
        if (options.Value.Server.Length > 0)
        {
            builder.SetHeader("Server", options.Value.Server);
        }

        return builder.Build();
    }

    private SipResponse WithServer(SipResponse response) =>
        options.Value.Server.Length == 0 || response.Headers.Contains("Server")
            ? response
            : response.ToBuilder().SetHeader("Server", options.Value.Server).Build();

    [LoggerMessage(Level = LogLevel.Information, Message = "Server transaction for {Method} in {CallId} ended without completing: {Reason}")]
    private static partial void LogTransactionFailed(ILogger logger, string callId, string method, SipTransactionError reason);
}
