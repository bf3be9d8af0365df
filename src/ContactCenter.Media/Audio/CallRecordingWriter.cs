using System.Buffers.Binary;
using ContactCenter.Media.Codecs;
using NAudio.Wave;

namespace ContactCenter.Media.Audio;

/// <summary>
/// Writes a call recording as an 8 kHz 16-bit PCM WAV (NAudio's <see cref="WaveFileWriter"/>), either both
/// directions mixed to mono or one direction per channel. One instance per recording, used by one owner.
/// </summary>
public sealed class CallRecordingWriter : IAsyncDisposable, IDisposable
{
    private readonly WaveFileWriter _writer;
    private readonly RecordingLayout _layout;
    private short[] _left = new short[G711.SamplesPerFrame];
    private short[] _right = new short[G711.SamplesPerFrame];
    private byte[] _bytes = new byte[G711.SamplesPerFrame * 4];
    private long _samples;

    /// <summary>Starts a recording into <paramref name="output"/>, which the writer owns and disposes.</summary>
    public CallRecordingWriter(Stream output, RecordingLayout layout)
    {
        ArgumentNullException.ThrowIfNull(output);
        _layout = layout;
        _writer = new WaveFileWriter(output, new WaveFormat(G711.SampleRate, 16, layout == RecordingLayout.Stereo ? 2 : 1));
    }

    /// <summary>The length recorded so far.</summary>
    public TimeSpan Duration => TimeSpan.FromSeconds((double)_samples / G711.SampleRate);

    /// <summary>
    /// Appends one stretch of both directions as linear samples. A shorter (or empty) side is padded
    /// with silence, so a direction with no packet this period can be passed as empty.
    /// </summary>
    public ValueTask WriteAsync(ReadOnlyMemory<short> left, ReadOnlyMemory<short> right, CancellationToken cancellationToken)
    {
        int count = Prepare(left.Span, right.Span);
        return _writer.WriteAsync(_bytes.AsMemory(0, count), cancellationToken);
    }

    /// <summary>Appends one stretch of both directions as G.711 payloads.</summary>
    public ValueTask WriteG711Async(
        ReadOnlyMemory<byte> left, G711Law leftLaw, ReadOnlyMemory<byte> right, G711Law rightLaw, CancellationToken cancellationToken)
    {
        int length = Math.Max(left.Length, right.Length);
        EnsureCapacity(length);
        G711.Decode(leftLaw, left.Span, _left);
        G711.Decode(rightLaw, right.Span, _right);
        return WriteAsync(_left.AsMemory(0, left.Length), _right.AsMemory(0, right.Length), cancellationToken);
    }

    /// <inheritdoc />
    public ValueTask DisposeAsync() => _writer.DisposeAsync();

    /// <inheritdoc />
    public void Dispose() => _writer.Dispose();

    private int Prepare(ReadOnlySpan<short> left, ReadOnlySpan<short> right)
    {
        int length = Math.Max(left.Length, right.Length);
        int channels = _layout == RecordingLayout.Stereo ? 2 : 1;
        if (_bytes.Length < length * channels * 2)
        {
            _bytes = new byte[length * channels * 2];
        }

        Span<byte> output = _bytes.AsSpan(0, length * channels * 2);
        for (int i = 0; i < length; i++)
        {
            int l = i < left.Length ? left[i] : 0;
            int r = i < right.Length ? right[i] : 0;
            if (channels == 2)
            {
                BinaryPrimitives.WriteInt16LittleEndian(output[(4 * i)..], (short)l);
                BinaryPrimitives.WriteInt16LittleEndian(output[((4 * i) + 2)..], (short)r);
            }
            else
            {
                BinaryPrimitives.WriteInt16LittleEndian(output[(2 * i)..], (short)Math.Clamp(l + r, short.MinValue, short.MaxValue));
            }
        }

        _samples += length;
        return length * channels * 2;
    }

    private void EnsureCapacity(int length)
    {
        if (_left.Length < length)
        {
            _left = new short[length];
            _right = new short[length];
        }
    }
}
