using System.Collections.Concurrent;
using ContactCenter.Sdp.OfferAnswer;
using ContactCenter.Sessions;

namespace ContactCenter.TestKit.Sessions;

/// <summary>
/// The session port without SIP, for the call engine's lifecycle tests: a test makes calls arrive (<see cref="ArriveAsync"/>)
/// and plays the peers of every leg (<see cref="FakeLeg"/>: ring, answer, refuse, hang up, hold, transfer); the legs
/// record the engine's commands.
/// </summary>
public sealed class FakeLegSessionPort : ILegSessionPort
{
    private readonly ConcurrentQueue<FakeLeg> _placed = new();
    private Func<ILegSession, LegOffered, ILegEvents>? _onOffered;

    /// <summary>The legs the engine placed, in order.</summary>
    public IReadOnlyList<FakeLeg> Placed => [.. _placed];

    /// <summary>How the media of a leg to each target is protected (SDES-SRTP), as the session layer would say; default plain.</summary>
    public Func<LegTarget, SdpSrtpMode> Security { get; set; } = _ => SdpSrtpMode.Off;

    /// <inheritdoc />
    public SdpSrtpMode MediaSecurity(LegTarget target) => Security(target);

    /// <summary>The audio formats of a leg to each target (a trunk's codec list), as the session layer would say; default none (the engine's).</summary>
    public Func<LegTarget, IReadOnlyList<string>> Codecs { get; set; } = _ => [];

    /// <inheritdoc />
    public IReadOnlyList<string> MediaCodecs(LegTarget target) => Codecs(target);

    /// <inheritdoc />
    public void Accept(Func<ILegSession, LegOffered, ILegEvents> onOffered) => _onOffered = onOffered;

    /// <inheritdoc />
    public ILegSession Offer(LegOffer offer, ILegEvents events)
    {
        ArgumentNullException.ThrowIfNull(offer);
        var leg = new FakeLeg($"placed-{_placed.Count + 1}/{offer.Target.Number}", offer) { Events = events };
        _placed.Enqueue(leg);
        return leg;
    }

    /// <summary>A call arrives with <paramref name="offered"/>: the engine takes it (or refuses it) as the session layer would let it.</summary>
    public FakeLeg Arrive(LegOffered offered)
    {
        var onOffered = _onOffered ?? throw new InvalidOperationException("The engine has not taken the port's arrivals.");
        var leg = new FakeLeg("arrived-" + Guid.NewGuid().ToString("N")[..8], null);
        leg.Events = onOffered(leg, offered);
        return leg;
    }

    /// <summary>Waits (bounded, real time: the engine works on its own tasks) until the engine placed a leg to <paramref name="number"/>.</summary>
    public FakeLeg WaitForPlaced(string number, int index = 0) =>
        FakeLeg.WaitUntil(() => Placed.Where(l => l.Offer!.Target.Number == number).Skip(index).FirstOrDefault(), $"a leg placed to {number}");

    /// <summary>As <see cref="Arrive"/>, on a task (the engine's own work on the call then runs beside the test).</summary>
    public Task<FakeLeg> ArriveAsync(LegOffered offered) => Task.Run(() => Arrive(offered));
}
