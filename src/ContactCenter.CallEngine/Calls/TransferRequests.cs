using ContactCenter.Contracts.Calls;
using ContactCenter.Sessions;

namespace ContactCenter.CallEngine.Calls;

/// <summary>
/// A transfer the answering agent's phone asked for (the session layer served its REFER, RFC 3515): blind to an
/// extension, or attended with the leg of the agent's consultation call (RFC 3891 Replaces, resolved by the session
/// layer). The outcome goes back as transfer progress, which the session layer sends to the phone as NOTIFYs.
/// </summary>
internal static class TransferRequests
{
    /// <summary>
    /// Starts the transfer <paramref name="request"/> asks for on <paramref name="call"/>, reported through
    /// <paramref name="leg"/>; false (refused) unless it comes from the answering agent's leg and, for an attended
    /// transfer, names an answered call that same agent placed.
    /// </summary>
    public static async Task<bool> TakeAsync(Call call, CallParty party, ILegSession leg, LegTransferRequest request)
    {
        if (party != CallParty.Callee || call.IsPlaced || !await call.CalleeIsAgentAsync().ConfigureAwait(false))
        {
            // Only the answering agent of a call that arrived transfers: not the client an agent dialled out to.
            return false;
        }

        Func<TransferProgress, Task> progress = p => leg.ReportTransferAsync(p, CancellationToken.None).AsTask();
        if (request.Replaces is null)
        {
            return await call.TryStartTransferAsync(request.Target.Number, TransferKind.Blind, "REFER from the agent's phone", progress).ConfigureAwait(false);
        }

        var consultation = call.FindByCallerLeg?.Invoke(request.Replaces);
        var agent = await call.AnsweringAgentAsync().ConfigureAwait(false);
        if (consultation is null || agent is null || !consultation.CallerIsAgent || consultation.CallerNumber != agent)
        {
            return false;
        }

        call.Observe(AttendedAsync(call, consultation, progress));
        return true;
    }

    private static async Task AttendedAsync(Call call, Call consultation, Func<TransferProgress, Task> progress)
    {
        if (!await call.CompleteAttendedTransferAsync(consultation, progress).ConfigureAwait(false))
        {
            await progress(TransferProgress.Failed).ConfigureAwait(false);
        }
    }
}
