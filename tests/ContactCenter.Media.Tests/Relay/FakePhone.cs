using System.Net;
using System.Net.Sockets;
using ContactCenter.Media.Rtp;

namespace ContactCenter.Media.Tests.Relay;

/// <summary>A softphone's media socket on 127.0.0.1: sends RTP, receives with a real-time safety timeout.</summary>
internal sealed class FakePhone : IDisposable
{
    private static readonly TimeSpan SafetyTimeout = TimeSpan.FromSeconds(5);
    private readonly UdpClient _client;

    /// <summary>A phone on 127.0.0.1, or on <paramref name="address"/> (another loopback address: another host).</summary>
    public FakePhone(IPAddress? address = null) => _client = new UdpClient(new IPEndPoint(address ?? IPAddress.Loopback, 0));

    public IPEndPoint EndPoint => (IPEndPoint)_client.Client.LocalEndPoint!;

    public uint Ssrc { get; init; } = 0x1234_5678;

    public Task SendAsync(IPEndPoint to, byte payloadType, ushort sequence, uint timestamp, ReadOnlySpan<byte> payload, bool marker = false)
    {
        byte[] buffer = new byte[RtpPacket.FixedHeaderLength + payload.Length];
        Assert.True(new RtpPacket(payloadType, sequence, timestamp, Ssrc, payload) { Marker = marker }.TryWrite(buffer, out _));
        return _client.SendAsync(buffer, buffer.Length, to);
    }

    public Task SendRawAsync(IPEndPoint to, byte[] datagram) => _client.SendAsync(datagram, datagram.Length, to);

    /// <summary>Sends <paramref name="count"/> 20 ms PCMU-sized packets of <paramref name="payload"/>.</summary>
    public async Task SendStreamAsync(IPEndPoint to, byte payloadType, int count, byte[] payload, ushort firstSequence = 100, uint firstTimestamp = 8_000)
    {
        for (int i = 0; i < count; i++)
        {
            await SendAsync(to, payloadType, (ushort)(firstSequence + i), firstTimestamp + (uint)(160 * i), payload, marker: i == 0);
        }
    }

    public async Task<ReceivedRtp> ReceiveAsync()
    {
        using var timeout = new CancellationTokenSource(SafetyTimeout);
        UdpReceiveResult result = await _client.ReceiveAsync(timeout.Token);
        Assert.True(RtpPacket.TryParse(result.Buffer, out RtpPacket packet), "not RTP");
        return new ReceivedRtp(packet.PayloadType, packet.SequenceNumber, packet.Timestamp, packet.Ssrc, packet.Marker, packet.Payload.ToArray(), result.RemoteEndPoint);
    }

    /// <summary>The next datagram as it came (an SRTP packet, say).</summary>
    public async Task<byte[]> ReceiveRawAsync()
    {
        using var timeout = new CancellationTokenSource(SafetyTimeout);
        return (await _client.ReceiveAsync(timeout.Token)).Buffer;
    }

    public async Task<List<ReceivedRtp>> ReceiveManyAsync(int count)
    {
        var received = new List<ReceivedRtp>(count);
        for (int i = 0; i < count; i++)
        {
            received.Add(await ReceiveAsync());
        }

        return received;
    }

    /// <summary>True if nothing arrives within <paramref name="wait"/> (real time: only to show an absence).</summary>
    public async Task<bool> NothingArrivesAsync(TimeSpan wait)
    {
        using var timeout = new CancellationTokenSource(wait);
        try
        {
            await _client.ReceiveAsync(timeout.Token);
            return false;
        }
        catch (OperationCanceledException)
        {
            return true;
        }
    }

    public void Dispose() => _client.Dispose();
}

internal sealed record ReceivedRtp(byte PayloadType, ushort Sequence, uint Timestamp, uint Ssrc, bool Marker, byte[] Payload, IPEndPoint From);
