namespace ContactCenter.CallEngine.Calls;

/// <summary>What <see cref="CallHold"/> needs of a call (inbound or placed): its bridge, each party's media, name and session timer, its events.</summary>
internal interface IHeldCall
{
    Guid Id { get; }

    /// <summary>
    /// The media of <paramref name="party"/>'s leg, of the other party's leg, the bridge between them (null before the
    /// answer) and how events name <paramref name="party"/>; read under the call's lock.
    /// </summary>
    HoldView View(CallParty party);

    /// <summary>Publishes a call event with the call's next sequence number.</summary>
    void Publish<T>(Func<int, T> create)
        where T : class;
}
