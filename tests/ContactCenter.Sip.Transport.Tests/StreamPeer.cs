using System.Buffers;
using System.Net.Sockets;
using ContactCenter.Sip.Syntax;
using ContactCenter.Sip.Syntax.Framing;

namespace ContactCenter.Sip.Transport.Tests;

/// <summary>Reads framed SIP messages or raw bytes from any stream (a TCP socket's, a TLS stream).</summary>
internal sealed class StreamPeer(Stream stream)
{
    private readonly SipStreamFramer _framer = new(SipParserLimits.Default);
    private byte[] _buffer = [];

    /// <summary>The next whole SIP message on the stream.</summary>
    public async Task<SipMessage> ReadMessageAsync()
    {
        using var timeout = new CancellationTokenSource(TransportHarness.SafetyTimeout);
        while (true)
        {
            var reader = new SequenceReader<byte>(new ReadOnlySequence<byte>(_buffer));
            var result = _framer.TryReadMessage(ref reader, out var framed);
            if (result == SipFrameResult.Complete)
            {
                var message = SipParser.Parse(framed.ToArray());
                _buffer = _buffer[(int)reader.Consumed..];
                return message;
            }

            if (result is SipFrameResult.Ping or SipFrameResult.Pong)
            {
                _buffer = _buffer[(int)reader.Consumed..];
                continue;
            }

            if (await ReadMoreAsync(timeout.Token) == 0)
            {
                throw new IOException("The connection closed before a whole message arrived.");
            }
        }
    }

    /// <summary>Reads exactly <paramref name="count"/> raw bytes.</summary>
    public async Task<byte[]> ReadBytesAsync(int count)
    {
        using var timeout = new CancellationTokenSource(TransportHarness.SafetyTimeout);
        while (_buffer.Length < count)
        {
            if (await ReadMoreAsync(timeout.Token) == 0)
            {
                throw new IOException("The connection closed.");
            }
        }

        var bytes = _buffer[..count];
        _buffer = _buffer[count..];
        return bytes;
    }

    /// <summary>True when the other end closes the connection (read returns 0 or resets) within the safety timeout.</summary>
    public async Task<bool> IsClosedByRemoteAsync()
    {
        using var timeout = new CancellationTokenSource(TransportHarness.SafetyTimeout);
        try
        {
            while (await ReadMoreAsync(timeout.Token) > 0)
            {
            }

            return true;
        }
        catch (Exception ex) when (ex is SocketException or IOException)
        {
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    private async Task<int> ReadMoreAsync(CancellationToken cancellationToken)
    {
        var chunk = new byte[8_192];
        var read = await stream.ReadAsync(chunk, cancellationToken);
        _buffer = [.. _buffer, .. chunk.AsSpan(0, read)];
        return read;
    }
}
