using ContactCenter.Media.Dtmf;
using ContactCenter.Media.Relay;

namespace ContactCenter.CallEngine.Calls;

/// <summary>
/// Sends DTMF digits into an answered call toward the client's leg (an operator working a client's voice menu),
/// one request at a time per call; the bridge generates the RFC 4733 events.
/// </summary>
internal sealed class DtmfToClient(CancellationToken callEnding)
{
    private int _sending;

    /// <summary>Sends <paramref name="digits"/> to the leg on <paramref name="side"/> of <paramref name="bridge"/> (null: not answered).</summary>
    public async Task<DtmfSendResult> SendAsync(MediaBridge? bridge, MediaLegSide? side, string digits, CancellationToken cancellationToken)
    {
        if (!DtmfSender.AreDigits(digits))
        {
            return DtmfSendResult.InvalidDigits;
        }

        if (bridge is null)
        {
            return DtmfSendResult.NotAnswered;
        }

        if (side is not { } client)
        {
            return DtmfSendResult.NoClientLeg;
        }

        if (Interlocked.Exchange(ref _sending, 1) == 1)
        {
            return DtmfSendResult.Busy;
        }

        try
        {
            using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, callEnding);
            return await bridge.SendDtmfAsync(client, digits, stop.Token).ConfigureAwait(false) ? DtmfSendResult.Sent : DtmfSendResult.NoTelephoneEvent;
        }
        catch (OperationCanceledException) when (callEnding.IsCancellationRequested)
        {
            return DtmfSendResult.NotAnswered;
        }
        catch (ObjectDisposedException)
        {
            // The call ended while sending (its bridge and sockets closed).
            return DtmfSendResult.NotAnswered;
        }
        finally
        {
            Volatile.Write(ref _sending, 0);
        }
    }
}
