using ContactCenter.CallEngine.Calls;
using ContactCenter.Contracts.Agents;
using ContactCenter.Contracts.Calls;
using ContactCenter.Contracts.Notifications;
using Microsoft.AspNetCore.SignalR;

namespace ContactCenter.Host.Desk;

/// <summary>
/// Forwards the engine's and the ACD's events to the desks over SignalR: a ringing, answered, transferred or ended call
/// to the extension concerned, agent states and queue changes to every desk, a stored notification to its recipient's
/// desks or to its department's. On one machine the engine's events come straight from the engine
/// (<see cref="DeskLiveFeed"/>), the CRM's notifications from the bus; with RabbitMQ everything comes from the bus
/// (<see cref="DeskEventsConsumer"/>), because every host serves its own browsers and must see every host's calls.
/// </summary>
public sealed class DeskEventForwarder(IHubContext<DeskHub> hub, CallManager calls, DeskCallDirectory directory)
{
    /// <summary>The engine's and the ACD's events the desks show.</summary>
    public static IReadOnlySet<Type> EngineEventTypes { get; } = new HashSet<Type>
    {
        typeof(CallClassified), typeof(CallQueued), typeof(CallOffered), typeof(CallAnswered), typeof(CallTransferred),
        typeof(CallEnded), typeof(AgentStateChanged), typeof(CallSupervised),
    };

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

    private async Task SupervisedAsync(CallSupervised m, CancellationToken cancellationToken)
    {
        IEnumerable<string> desks = m.Agent is { } agent ? [DeskHub.UserGroup(agent), DeskHub.UserGroup(m.Supervisor)] : [DeskHub.UserGroup(m.Supervisor)];
        await hub.Clients.Groups(desks.ToList()).SendAsync(SupervisionMethod, m, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Sends what <paramref name="message"/> means to the desks concerned; nothing for other messages.</summary>
    public Task ForwardAsync(object message, CancellationToken cancellationToken) => message switch
    {
        CallClassified m => Classified(m),
        CallQueued => QueuesChangedAsync(cancellationToken),
        CallOffered m => OfferedAsync(m, cancellationToken),
        CallAnswered m => AnsweredAsync(m, cancellationToken),
        CallTransferred m => TransferredAsync(m, cancellationToken),
        CallEnded m => EndedAsync(m, cancellationToken),
        AgentStateChanged m => AgentStateAsync(m, cancellationToken),
        NotificationCreated m => NotificationAsync(m, cancellationToken),
        CallSupervised m => SupervisedAsync(m, cancellationToken),
        _ => Task.CompletedTask,
    };

    private Task Classified(CallClassified m)
    {
        directory.SetClient(m.CallId, m.ClientId);
        return Task.CompletedTask;
    }

    private async Task OfferedAsync(CallOffered m, CancellationToken cancellationToken)
    {
        var (clientId, transferReason) = directory.Offered(m.CallId, m.AgentExtension);
        var call = calls.GetCall(m.CallId);
        // While a transfer rings, the live call still names the agent who passed it on.
        var transferredBy = call is { Phase: CallPhase.Answered, AgentExtension: { } current } && current != m.AgentExtension ? current : null;
        await SendAsync(new DeskCallEvent("ringing", m.CallId, m.AgentExtension, Caller(call), call?.Direction.ToString(), clientId,
            transferredBy, transferredBy is null ? null : transferReason, m.OccurredAt), cancellationToken).ConfigureAwait(false);
    }

    private async Task AnsweredAsync(CallAnswered m, CancellationToken cancellationToken)
    {
        var call = calls.GetCall(m.CallId);
        await SendAsync(new DeskCallEvent("answered", m.CallId, m.AgentExtension, call is null ? m.CallerNumber : Caller(call),
            call?.Direction.ToString(), null, null, null, m.OccurredAt), cancellationToken).ConfigureAwait(false);
        await QueuesChangedAsync(cancellationToken).ConfigureAwait(false);
    }

    private async Task TransferredAsync(CallTransferred m, CancellationToken cancellationToken)
    {
        var call = calls.GetCall(m.CallId);
        await SendAsync(new DeskCallEvent("transferred", m.CallId, m.ToTarget, Caller(call), call?.Direction.ToString(), null,
            m.FromExtension, m.Reason, m.OccurredAt), cancellationToken).ConfigureAwait(false);
        if (m.FromExtension.Length > 0)
        {
            await SendAsync(new DeskCallEvent("ended", m.CallId, m.FromExtension, Caller(call), call?.Direction.ToString(), null, null,
                "transferred to " + m.ToTarget, m.OccurredAt), cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task EndedAsync(CallEnded m, CancellationToken cancellationToken)
    {
        foreach (var extension in directory.Ended(m.CallId))
        {
            await SendAsync(new DeskCallEvent("ended", m.CallId, extension, null, null, null, null, m.Reason, m.OccurredAt),
                cancellationToken).ConfigureAwait(false);
        }

        await QueuesChangedAsync(cancellationToken).ConfigureAwait(false);
    }

    private async Task AgentStateAsync(AgentStateChanged m, CancellationToken cancellationToken)
    {
        await hub.Clients.Group(DeskHub.AllDesks).SendAsync(AgentStateMethod, new DeskAgentState(m.AgentExtension, m.State, m.Reason, m.OccurredAt),
            cancellationToken).ConfigureAwait(false);
    }

    private async Task NotificationAsync(NotificationCreated m, CancellationToken cancellationToken)
    {
        if (m.RecipientExtension is { Length: > 0 } extension)
        {
            await hub.Clients.Group(DeskHub.UserGroup(extension)).SendAsync(NotificationMethod,
                new DeskNotification(m.NotificationId, m.Kind, m.Text, true, null, m.SubjectType, m.SubjectId, m.OccurredAt),
                cancellationToken).ConfigureAwait(false);
        }

        if (m.DepartmentCode is { Length: > 0 } department)
        {
            await hub.Clients.Group(DeskHub.DepartmentGroup(department)).SendAsync(NotificationMethod,
                new DeskNotification(m.NotificationId, m.Kind, m.Text, false, department, m.SubjectType, m.SubjectId, m.OccurredAt),
                cancellationToken).ConfigureAwait(false);
        }
    }

    private static string? Caller(CallSnapshot? call) => call is null ? null : call.CallerNumberE164 ?? call.CallerNumber;

    private Task SendAsync(DeskCallEvent message, CancellationToken cancellationToken) =>
        hub.Clients.Group(DeskHub.UserGroup(message.Extension)).SendAsync(CallMethod, message, cancellationToken);

    private Task QueuesChangedAsync(CancellationToken cancellationToken) =>
        hub.Clients.Group(DeskHub.AllDesks).SendAsync(QueuesChangedMethod, cancellationToken);
}
