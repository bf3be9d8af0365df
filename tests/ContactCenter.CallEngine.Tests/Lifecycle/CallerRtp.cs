using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;
using ContactCenter.Media.Codecs;
using ContactCenter.Sdp;

namespace ContactCenter.CallEngine.Tests.Lifecycle;

/// <summary>A caller's RTP sender on 127.0.0.1: PCMU frames (a tone or silence) and RFC 4733 key presses to the engine's side of the leg.</summary>
internal sealed class CallerRtp : IDisposable
{
    private readonly UdpClient _socket = new(new IPEndPoint(IPAddress.Loopback, 0));
    private readonly IPEndPoint _engine;
    private readonly uint _ssrc = (uint)Random.Shared.Next();
    private ushort _sequence;
    private uint _timestamp;

    /// <summary>Sends to the engine's media in <paramref name="answer"/> (the SDP the engine answered the caller with).</summary>
    public CallerRtp(SdpSession answer)
    {
        var media = answer.Media[0];
        _engine = new IPEndPoint(IPAddress.Parse((media.Connection ?? answer.Connection)!.Address), media.Port);
    }

    /// <summary>Sends <paramref name="seconds"/> of a 440 Hz tone at about -10 dBFS (or silence), 20 ms per packet.</summary>
    public async Task SendAudioAsync(double seconds, bool silent = false)
    {
        var samples = new short[G711.SamplesPerFrame];
        var payload = new byte[G711.SamplesPerFrame];
        for (var frame = 0; frame < (int)(seconds * 50); frame++)
        {
            for (var i = 0; i < samples.Length; i++)
            {
                samples[i] = silent ? (short)0 : (short)(10_000 * Math.Sin(2 * Math.PI * 440 * (_timestamp + i) / 8_000));
            }

            G711.Encode(G711Law.Pcmu, samples, payload);
            await SendAsync(0, payload, marker: false);
            _timestamp += G711.SamplesPerFrame;
            if (frame % 10 == 9)
            {
                await Task.Delay(5); // gentle on the socket buffers; the engine's clock is the fake one
            }
        }
    }

    /// <summary>Presses <c>#</c> (RFC 4733 event 11): a start packet and the end packet three times.</summary>
    public async Task PressHashAsync()
    {
        for (var i = 0; i < 4; i++)
        {
            var end = i > 0;
            byte[] payload = [11, (byte)((end ? 0x80 : 0) | 10), 0, 0];
            BinaryPrimitives.WriteUInt16BigEndian(payload.AsSpan(2), (ushort)(end ? 1_600 : 160));
            await SendAsync(101, payload, marker: i == 0);
        }

        _timestamp += 1_600;
    }

    public void Dispose() => _socket.Dispose();

    private async Task SendAsync(byte payloadType, byte[] payload, bool marker)
    {
        var packet = new byte[12 + payload.Length];
        packet[0] = 0x80;
        packet[1] = (byte)(payloadType | (marker ? 0x80 : 0));
        BinaryPrimitives.WriteUInt16BigEndian(packet.AsSpan(2), _sequence++);
        BinaryPrimitives.WriteUInt32BigEndian(packet.AsSpan(4), _timestamp);
        BinaryPrimitives.WriteUInt32BigEndian(packet.AsSpan(8), _ssrc);
        payload.CopyTo(packet, 12);
        await _socket.SendAsync(packet, _engine);
    }
}
