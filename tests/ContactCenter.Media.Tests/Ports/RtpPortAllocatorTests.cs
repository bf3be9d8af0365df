using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using ContactCenter.Media.Ports;
using ContactCenter.Media.Relay;
using ContactCenter.Media.Tests.Relay;

namespace ContactCenter.Media.Tests.Ports;

public sealed class RtpPortAllocatorTests
{
    [Fact]
    public async Task TryAllocate_FreeRange_GivesEvenRtpPortAndRtcpNextToIt()
    {
        await using var host = new RelayTestHost(pairs: 4);

        Assert.True(host.Ports.TryAllocate(out RtpPortLease? lease));

        using (lease)
        {
            Assert.Equal(0, lease.RtpEndPoint.Port % 2);
            Assert.Equal(lease.RtpEndPoint.Port + 1, lease.RtcpEndPoint.Port);
            Assert.InRange(lease.RtpEndPoint.Port, host.Options.PortMin, host.Options.PortMax - 1);
            Assert.Equal(IPAddress.Loopback, lease.RtpEndPoint.Address);
        }
    }

    [Fact]
    public async Task TryAllocate_RangeExhausted_ReturnsFalseUntilALeaseIsDisposed()
    {
        await using var host = new RelayTestHost(pairs: 2);
        Assert.True(host.Ports.TryAllocate(out RtpPortLease? first));
        Assert.True(host.Ports.TryAllocate(out RtpPortLease? second));

        bool third = host.Ports.TryAllocate(out RtpPortLease? none);
        first.Dispose();
        bool afterRelease = host.Ports.TryAllocate(out RtpPortLease? again);

        Assert.False(third);
        Assert.Null(none);
        Assert.True(afterRelease);
        Assert.Equal(first.RtpEndPoint.Port, again!.RtpEndPoint.Port);
        second.Dispose();
        again.Dispose();
        Assert.Equal(0, host.Ports.InUse);
    }

    [Fact]
    public async Task TryAllocate_PortHeldByAnotherSocket_SkipsThatPair()
    {
        await using var host = new RelayTestHost(pairs: 2);
        int firstPort = host.Options.PortMin + (host.Options.PortMin % 2);
        using var squatter = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        squatter.Bind(new IPEndPoint(IPAddress.Loopback, firstPort + 1));

        Assert.True(host.Ports.TryAllocate(out RtpPortLease? lease));
        bool another = host.Ports.TryAllocate(out _);

        Assert.Equal(firstPort + 2, lease.RtpEndPoint.Port);
        Assert.False(another);
        lease.Dispose();
    }

    [Fact]
    public async Task TryAllocate_ManyThreadsAtOnce_GiveDistinctPairs()
    {
        await using var host = new RelayTestHost(pairs: 64);
        var leases = new ConcurrentBag<RtpPortLease>();

        Parallel.For(0, 64, _ =>
        {
            if (host.Ports.TryAllocate(out RtpPortLease? lease))
            {
                leases.Add(lease);
            }
        });

        Assert.Equal(leases.Count, leases.Select(l => l.RtpEndPoint.Port).Distinct().Count());
        Assert.Equal(leases.Count, host.Ports.InUse);
        Assert.True(leases.Count >= 60, $"only {leases.Count} of 64 pairs (others may be held by other processes)");
        foreach (RtpPortLease lease in leases)
        {
            lease.Dispose();
        }
    }
}
