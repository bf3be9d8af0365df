namespace ContactCenter.Media.Ports;

/// <summary>What an <see cref="RtpPortAllocator"/> counts: pairs leased and given back, requests refused for want of ports.</summary>
public interface IRtpPortCounters
{
    /// <summary>Pairs leased (positive) or given back (negative).</summary>
    void PortsLeased(int delta);

    /// <summary>A request found every pair leased.</summary>
    void PortsExhausted();
}
