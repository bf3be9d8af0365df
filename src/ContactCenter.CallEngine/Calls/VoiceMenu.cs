using ContactCenter.CallEngine.Configuration;
using ContactCenter.CallEngine.Media;

namespace ContactCenter.CallEngine.Calls;

/// <summary>
/// The voice menu of a service number (e.g. 7001: 1 order, 2 reference information, 3 other matters): plays
/// the "menu" announcement as early media and waits for an RFC 4733 key press; no key within the timeout after
/// the prompt, or a key the menu does not know, plays it again, up to the configured repeats. The answer is the
/// purpose the key stands for, or null when the caller chose nothing.
/// </summary>
internal sealed class VoiceMenu(CallServices services, LegMedia caller, Guid callId)
{
    public async Task<string?> RunAsync(ServiceNumberOptions menu, CancellationToken cancellationToken)
    {
        var prompt = await services.Announcements.GetAsync("menu", caller.Law, cancellationToken).ConfigureAwait(false);
        if (prompt is null)
        {
            services.Logger.MenuSkipped(callId, "no menu announcement");
            return null;
        }

        var listener = new DtmfListener();
        caller.Endpoint.SetHandler(listener);
        try
        {
            for (var round = 0; round <= menu.MenuRepeats; round++)
            {
                var player = services.Relay.CreatePlayer(caller.Endpoint, prompt, loop: false);
                await using (player.ConfigureAwait(false))
                {
                    player.Start();
                    using var timeout = new CancellationTokenSource(prompt.Duration + menu.MenuTimeout, services.Time);
                    using var waiting = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
                    try
                    {
                        var digit = await listener.Digits.ReadAsync(waiting.Token).ConfigureAwait(false);
                        if (menu.Menu.TryGetValue(digit.ToString(), out var purpose))
                        {
                            services.Logger.MenuChosen(callId, digit, purpose);
                            return purpose;
                        }

                        services.Logger.MenuKeyUnknown(callId, digit);
                    }
                    catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
                    {
                        // No key in time: play the prompt again.
                    }
                }
            }

            services.Logger.MenuSkipped(callId, "no choice after every repeat");
            return null;
        }
        finally
        {
            caller.Endpoint.SetHandler(null);
        }
    }
}
