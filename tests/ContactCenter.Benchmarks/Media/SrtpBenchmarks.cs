using System.Buffers.Binary;
using BenchmarkDotNet.Attributes;
using ContactCenter.Media.Srtp;

namespace ContactCenter.Benchmarks.Media;

/// <summary>
/// SRTP's per-packet cost on a 20 ms G.711 packet (12-byte header, 160-byte payload): protecting one we send and
/// authenticating, replay-checking and decrypting one we receive (AES_CM_128_HMAC_SHA1_80).
/// </summary>
[MemoryDiagnoser]
public class SrtpBenchmarks
{
    private const int PlainLength = 172;
    private readonly byte[] _buffer = new byte[PlainLength + 10];
    private SrtpSession _sender = null!;
    private SrtpSession _receiver = null!;
    private ushort _sequence;

    [GlobalSetup]
    public void Setup()
    {
        SrtpMasterKey a = SrtpMasterKey.Generate(SrtpSuite.AesCm128HmacSha1x80), b = SrtpMasterKey.Generate(SrtpSuite.AesCm128HmacSha1x80);
        _sender = new SrtpSession(a, b);
        _receiver = new SrtpSession(b, a);
        _buffer[0] = 0x80;
        BinaryPrimitives.WriteUInt32BigEndian(_buffer.AsSpan(8), 0xCAFEBABE);
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _sender.Dispose();
        _receiver.Dispose();
    }

    [Benchmark]
    public int Protect()
    {
        BinaryPrimitives.WriteUInt16BigEndian(_buffer.AsSpan(2), ++_sequence);
        _sender.ProtectRtp(_buffer, PlainLength, out int length);
        return length;
    }

    [Benchmark]
    public int ProtectThenUnprotect()
    {
        BinaryPrimitives.WriteUInt16BigEndian(_buffer.AsSpan(2), ++_sequence);
        _sender.ProtectRtp(_buffer, PlainLength, out int length);
        _receiver.UnprotectRtp(_buffer.AsSpan(0, length), out int plain);
        return plain;
    }
}
