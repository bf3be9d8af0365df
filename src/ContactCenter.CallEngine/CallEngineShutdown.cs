using ContactCenter.CallEngine.Calls;
using Microsoft.Extensions.Hosting;

namespace ContactCenter.CallEngine;

/// <summary>On shutdown, ends every call with BYE to both parties (and its call-ended event) before the SIP stack stops.</summary>
internal sealed class CallEngineShutdown(CallManager calls) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => calls.HangUpAllAsync("service shutting down").WaitAsync(cancellationToken);
}
