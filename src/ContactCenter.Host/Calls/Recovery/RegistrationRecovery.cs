using ContactCenter.Sip.UserAgents.Registration;

namespace ContactCenter.Host.Calls.Recovery;

/// <summary>
/// Puts the registrar's bindings of the last run back at start (issue #15: after a crash or an upgrade the agents' phones
/// stay reachable and the ACD offers them calls without waiting for their next REGISTER), then keeps the file current.
/// </summary>
public sealed class RegistrationRecovery(BindingStore store) : IHostedService
{
    /// <inheritdoc />
    public Task StartAsync(CancellationToken cancellationToken)
    {
        store.Restore();
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask; // the container's disposal writes the file last
}
