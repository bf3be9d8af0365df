using Microsoft.Extensions.DependencyInjection;

namespace ContactCenter.Sip.Transport;

/// <summary>
/// Resolves the registered <see cref="ISipMessageHandler"/> on the first message. The transaction layer
/// implements the handler and needs <see cref="ISipTransport"/> to send, so resolving it when the
/// transport is built would be a dependency cycle.
/// </summary>
internal sealed class DeferredSipMessageHandler(IServiceProvider services) : ISipMessageHandler
{
    private ISipMessageHandler? _handler;

    /// <inheritdoc/>
    public ValueTask HandleAsync(SipInboundMessage message, CancellationToken cancellationToken) =>
        (_handler ??= services.GetRequiredService<ISipMessageHandler>()).HandleAsync(message, cancellationToken);
}
