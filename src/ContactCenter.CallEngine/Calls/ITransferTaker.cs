using ContactCenter.Sessions;

namespace ContactCenter.CallEngine.Calls;

/// <summary>The owner of an answered leg the engine placed, asked when that leg's peer requests a transfer.</summary>
internal interface ITransferTaker
{
    /// <summary>True when the transfer is taken on (its progress is reported through <paramref name="leg"/>).</summary>
    ValueTask<bool> OnTransferRequestedAsync(ILegSession leg, LegTransferRequest request);
}
