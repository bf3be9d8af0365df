namespace ContactCenter.Media.Codecs;

/// <summary>The two G.711 companding laws.</summary>
public enum G711Law
{
    /// <summary>Mu-law, RTP payload type 0 (PCMU).</summary>
    Pcmu,

    /// <summary>A-law, RTP payload type 8 (PCMA).</summary>
    Pcma,
}
