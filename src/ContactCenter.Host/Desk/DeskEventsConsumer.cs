using ContactCenter.CallEngine.Calls;
using ContactCenter.Contracts.Agents;
using ContactCenter.Contracts.Calls;
using ContactCenter.Contracts.Notifications;
using MassTransit;
using Microsoft.AspNetCore.SignalR;

namespace ContactCenter.Host.Desk;

/// <summary>
/// Forwards the engine's and the ACD's events from the bus to the desks over SignalR: a ringing, answered,
/// transferred or ended call to the extension concerned, agent states and queue changes to every desk, a stored
/// notification to its recipient's desks or to its department's.
/// Each host runs its own copy (a temporary endpoint), because each serves its own browsers.
/// </summary>
public sealed class DeskEventsConsumer(IHubContext<DeskHub> hub, CallManager calls, DeskCallDirectory directory) :
    IConsumer<CallClassified>, IConsumer<CallQueued>, IConsumer<CallOffered>, IConsumer<CallAnswered>, IConsumer<CallTransferred>,
    IConsumer<CallEnded>, IConsumer<AgentStateChanged>, IConsumer<NotificationCreated>, IConsumer<CallSupervised>
{
    /// <summary>The client method for <see cref="DeskCallEvent"/>.</summary>
    public const string CallMethod = "call";

    /// <summary>The client method for <see cref="DeskAgentState"/>.</summary>
    public const string AgentStateMethod = "agentState";

    /// <summary>The client method that tells the wallboard to refetch <c>/api/queues</c>.</summary>
    public const string QueuesChangedMethod = "queuesChanged";

    /// <summary>The client method for <see cref="DeskNotification"/>.</summary>
    public const string NotificationMethod = "notification";

    /// <summary>
    /// The client method for <see cref="CallSupervised"/> (issue #19), sent to the agent's and the supervisor's desks:
    /// the agent's desk shows that the call is supervised and how.
    /// </summary>
    public const string SupervisionMethod = "supervision";

    /// <inheritdoc />
    public async Task Consume(ConsumeContext<CallSupervised> context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var m = context.Message;
        IEnumerable<string> desks = m.Agent is { } agent ? [DeskHub.UserGroup(agent), DeskHub.UserGroup(m.Supervisor)] : [DeskHub.UserGroup(m.Supervisor)];
        await hub.Clients.Groups(desks.ToList()).SendAsync(SupervisionMethod, m, context.CancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public Task Consume(ConsumeContext<CallClassified> context)
    {
        directory.SetClient(context.Message.CallId, context.Message.ClientId);
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task Consume(ConsumeContext<CallQueued> context) => QueuesChangedAsync(context.CancellationToken);

    /// <inheritdoc />
    public async Task Consume(ConsumeContext<CallOffered> context)
    {
        var m = context.Message;
        var (clientId, transferReason) = directory.Offered(m.CallId, m.AgentExtension);
        var call = calls.GetCall(m.CallId);
        // While a transfer rings, the live call still names the agent who passed it on.
        var transferredBy = call is { Phase: CallPhase.Answered, AgentExtension: { } current } && current != m.AgentExtension ? current : null;
        await SendAsync(new DeskCallEvent("ringing", m.CallId, m.AgentExtension, Caller(call), call?.Direction.ToString(), clientId,
            transferredBy, transferredBy is null ? null : transferReason, m.OccurredAt), context.CancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async Task Consume(ConsumeContext<CallAnswered> context)
    {
        var m = context.Message;
        var call = calls.GetCall(m.CallId);
        await SendAsync(new DeskCallEvent("answered", m.CallId, m.AgentExtension, call is null ? m.CallerNumber : Caller(call),
            call?.Direction.ToString(), null, null, null, m.OccurredAt), context.CancellationToken).ConfigureAwait(false);
        await QueuesChangedAsync(context.CancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async Task Consume(ConsumeContext<CallTransferred> context)
    {
        var m = context.Message;
        var call = calls.GetCall(m.CallId);
        await SendAsync(new DeskCallEvent("transferred", m.CallId, m.ToTarget, Caller(call), call?.Direction.ToString(), null,
            m.FromExtension, m.Reason, m.OccurredAt), context.CancellationToken).ConfigureAwait(false);
        if (m.FromExtension.Length > 0)
        {
            await SendAsync(new DeskCallEvent("ended", m.CallId, m.FromExtension, Caller(call), call?.Direction.ToString(), null, null,
                "transferred to " + m.ToTarget, m.OccurredAt), context.CancellationToken).ConfigureAwait(false);
        }
    }

    /// <inheritdoc />
    public async Task Consume(ConsumeContext<CallEnded> context)
    {
        var m = context.Message;
        foreach (var extension in directory.Ended(m.CallId))
        {
            await SendAsync(new DeskCallEvent("ended", m.CallId, extension, null, null, null, null, m.Reason, m.OccurredAt),
                context.CancellationToken).ConfigureAwait(false);
        }

        await QueuesChangedAsync(context.CancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async Task Consume(ConsumeContext<AgentStateChanged> context)
    {
        var m = context.Message;
        await hub.Clients.Group(DeskHub.AllDesks).SendAsync(AgentStateMethod, new DeskAgentState(m.AgentExtension, m.State, m.Reason, m.OccurredAt),
            context.CancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async Task Consume(ConsumeContext<NotificationCreated> context)
    {
        var m = context.Message;
        if (m.RecipientExtension is { Length: > 0 } extension)
        {
            await hub.Clients.Group(DeskHub.UserGroup(extension)).SendAsync(NotificationMethod,
                new DeskNotification(m.NotificationId, m.Kind, m.Text, true, null, m.SubjectType, m.SubjectId, m.OccurredAt),
                context.CancellationToken).ConfigureAwait(false);
        }

        if (m.DepartmentCode is { Length: > 0 } department)
        {
            await hub.Clients.Group(DeskHub.DepartmentGroup(department)).SendAsync(NotificationMethod,
                new DeskNotification(m.NotificationId, m.Kind, m.Text, false, department, m.SubjectType, m.SubjectId, m.OccurredAt),
                context.CancellationToken).ConfigureAwait(false);
        }
    }

    private static string? Caller(CallSnapshot? call) => call is null ? null : call.CallerNumberE164 ?? call.CallerNumber;

    private Task SendAsync(DeskCallEvent message, CancellationToken cancellationToken) =>
        hub.Clients.Group(DeskHub.UserGroup(message.Extension)).SendAsync(CallMethod, message, cancellationToken);

    private Task QueuesChangedAsync(CancellationToken cancellationToken) =>
        hub.Clients.Group(DeskHub.AllDesks).SendAsync(QueuesChangedMethod, cancellationToken);
}
