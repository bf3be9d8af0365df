using ContactCenter.CallEngine.Media;
using ContactCenter.Media.Relay;

namespace ContactCenter.CallEngine.Calls;

/// <summary>
/// What an unanswered caller hears as early media: ringback, announcements (greeting, queue position, closed
/// hours) and music on hold in a queue. One player at a time lives in <see cref="CallState.Ringback"/>, changed only
/// in steps on the call's loop; the answer (or the end) stops it.
/// </summary>
internal sealed class CallerAnnouncements(ICallContext call)
{
    private CallServices Services => call.Services;

    /// <summary>Starts the looping ringback (sip-config's ringback.wav, else the 425 Hz tone) while the call rings.</summary>
    public async Task StartRingbackAsync()
    {
        var media = call.CallerMedia;
        var tone = await Services.Announcements.GetAsync("ringback", media.Law, CancellationToken.None).ConfigureAwait(false)
            ?? Tones.GetRingback(media.Law);
        var state = call.State;
        await call.Loop.InvokeAsync(() =>
        {
            if (state.Phase == CallPhase.Ringing)
            {
                state.Ringback = Services.Relay.CreatePlayer(media.Endpoint, tone, loop: true);
                state.Ringback.Start();
            }
        }).ConfigureAwait(false);
    }

    /// <summary>
    /// Plays the announcement <paramref name="name"/> to the caller (early media) in place of the ringback and waits
    /// for its end; then the caller hears <paramref name="then"/> (music on hold in a queue) or the ringback again.
    /// Nothing happens for a late-offer caller (no media yet), a missing file, or a call no longer ringing.
    /// </summary>
    public Task PlayAsync(string name, string? then, CancellationToken cancellationToken) => PlayAsync([name], then, cancellationToken);

    /// <summary>Plays the announcements <paramref name="names"/> one after another (see the single-name overload).</summary>
    public async Task PlayAsync(IReadOnlyList<string> names, string? then, CancellationToken cancellationToken)
    {
        var media = call.CallerMedia;
        var frames = call.LateOffer ? null : await Services.Announcements.GetSequenceAsync(names, media.Law, cancellationToken).ConfigureAwait(false);
        if (frames is null)
        {
            return;
        }

        var loop = (then is null ? null : await Services.Announcements.GetAsync(then, media.Law, cancellationToken).ConfigureAwait(false))
            ?? await Services.Announcements.GetAsync("ringback", media.Law, CancellationToken.None).ConfigureAwait(false)
            ?? Tones.GetRingback(media.Law);
        var state = call.State;
        var (player, previous) = await call.Loop.InvokeAsync<(AnnouncementPlayer?, AnnouncementPlayer?)>(() =>
        {
            if (state.Phase != CallPhase.Ringing)
            {
                return (null, null);
            }

            var previous = state.Ringback;
            previous?.Stop();
            var player = Services.Relay.CreatePlayer(media.Endpoint, frames, loop: false);
            state.Ringback = player;
            player.Start();
            return (player, previous);
        }).ConfigureAwait(false);
        if (player is null)
        {
            return;
        }

        if (previous is not null)
        {
            await previous.DisposeAsync().ConfigureAwait(false);
        }

        try
        {
            await player.Completion.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            var disposeHere = await call.Loop.InvokeAsync(() =>
            {
                if (state.Ringback != player)
                {
                    return false;
                }

                state.Ringback = null;
                if (state.Phase == CallPhase.Ringing && !cancellationToken.IsCancellationRequested)
                {
                    state.Ringback = Services.Relay.CreatePlayer(media.Endpoint, loop, loop: true);
                    state.Ringback.Start();
                }

                return true;
            }).ConfigureAwait(false);

            if (disposeHere)
            {
                await player.DisposeAsync().ConfigureAwait(false);
            }
        }
    }
}
