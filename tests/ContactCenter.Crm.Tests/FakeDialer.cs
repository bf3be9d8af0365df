using ContactCenter.Crm.Dialing;
using ContactCenter.Crm.Outbound;

namespace ContactCenter.Crm.Tests;

/// <summary>The call engine as the CRM sees it: records each call placed, or refuses with <see cref="Refusal"/>.</summary>
internal sealed class FakeDialer : IOutboundDialer
{
    public List<(string Agent, string Number, string Purpose)> Calls { get; } = [];

    public string? Refusal { get; set; }

    public TaskCompletionSource<DialOutcome> Outcome { get; set; } = new();

    public DialAttempt Dial(string agentExtension, string numberE164, string purpose)
    {
        if (Refusal is not null)
        {
            return new DialAttempt(null, Refusal, null);
        }

        lock (Calls)
        {
            Calls.Add((agentExtension, numberE164, purpose)); // requests racing each other dial from several threads
        }

        return new DialAttempt(Guid.NewGuid(), null, Outcome.Task);
    }
}
