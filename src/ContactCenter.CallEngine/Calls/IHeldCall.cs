using ContactCenter.Sessions;

namespace ContactCenter.CallEngine.Calls;

/// <summary>What <see cref="CallHold"/> needs of a call (inbound or placed): its bridge, each party's media and name, its events.</summary>
internal interface IHeldCall
{
    Guid Id { get; }

    /// <summary>
    /// The media of <paramref name="party"/>'s leg (null unless <paramref name="leg"/> is that party's leg now), of the
    /// other party's leg, the bridge between them (null before the answer) and how events name <paramref name="party"/>.
    /// </summary>
    HoldView View(CallParty party, ILegSession leg);

    /// <summary>Publishes a call event with the call's next sequence number.</summary>
    void Publish<T>(Func<int, T> create)
        where T : class;
}
