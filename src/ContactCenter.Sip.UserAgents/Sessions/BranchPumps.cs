using System.Threading.Channels;
using ContactCenter.Sip.Syntax;
using ContactCenter.Sip.Transactions;

namespace ContactCenter.Sip.UserAgents.Sessions;

/// <summary>
/// Feeds the responses of a placed leg's INVITE branches into one channel, which completes once every branch is done and
/// the ringing released it: a branch added while ringing (an INVITE answering a challenge) still gets its responses read.
/// </summary>
internal sealed class BranchPumps(ChannelWriter<(ClientInviteTransaction Transaction, SipResponse Response)> writer)
{
    private int _open = 1; // held by the ringing until Release

    /// <summary>Starts reading <paramref name="branch"/>'s responses into the channel.</summary>
    public void Add(ClientInviteTransaction branch)
    {
        Interlocked.Increment(ref _open);
        _ = PumpAsync(branch);
    }

    /// <summary>The ringing is over: the channel completes when the last branch is done.</summary>
    public void Release() => Done();

    private async Task PumpAsync(ClientInviteTransaction branch)
    {
        try
        {
            await foreach (var response in branch.Responses.ReadAllAsync().ConfigureAwait(false))
            {
                writer.TryWrite((branch, response));
            }
        }
        finally
        {
            Done();
        }
    }

    private void Done()
    {
        if (Interlocked.Decrement(ref _open) == 0)
        {
            writer.TryComplete();
        }
    }
}
