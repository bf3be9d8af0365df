using BenchmarkDotNet.Attributes;
using ContactCenter.Media.Codecs;
using ContactCenter.Media.Rtp;

namespace ContactCenter.Benchmarks.Media;

/// <summary>The relay's per-packet work: parse an RTP packet and transcode its 20 ms PCMU frame to PCMA.</summary>
[MemoryDiagnoser]
public class RtpTranscodeBenchmarks
{
    private readonly byte[] _packet = new byte[RtpPacket.FixedHeaderLength + G711.SamplesPerFrame];
    private readonly byte[] _output = new byte[RtpPacket.FixedHeaderLength + G711.SamplesPerFrame];

    [GlobalSetup]
    public void Setup()
    {
        byte[] payload = new byte[G711.SamplesPerFrame];
        new Random(8).NextBytes(payload);
        new RtpPacket(0, 1234, 160_000, 0xCAFEBABE, payload).TryWrite(_packet, out _);
    }

    [Benchmark]
    public int ParseRtp()
    {
        return RtpPacket.TryParse(_packet, out RtpPacket packet) ? packet.Payload.Length : -1;
    }

    [Benchmark]
    public byte TranscodePcmuToPcma()
    {
        G711.Transcode(G711Law.Pcmu, G711Law.Pcma, _packet.AsSpan(RtpPacket.FixedHeaderLength), _output);
        return _output[0];
    }

    [Benchmark]
    public int ParseTranscodeAndWrite()
    {
        if (!RtpPacket.TryParse(_packet, out RtpPacket incoming))
        {
            return -1;
        }

        Span<byte> payload = stackalloc byte[G711.SamplesPerFrame];
        G711.Transcode(G711Law.Pcmu, G711Law.Pcma, incoming.Payload, payload);
        var outgoing = new RtpPacket(8, incoming.SequenceNumber, incoming.Timestamp, incoming.Ssrc, payload);
        return outgoing.TryWrite(_output, out int written) ? written : -1;
    }
}
