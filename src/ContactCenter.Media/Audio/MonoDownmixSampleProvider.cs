using NAudio.Wave;

namespace ContactCenter.Media.Audio;

/// <summary>Averages the channels of an interleaved float source into one (any channel count).</summary>
internal sealed class MonoDownmixSampleProvider : ISampleProvider
{
    private readonly ISampleProvider _source;
    private readonly int _channels;
    private float[] _buffer = [];

    public MonoDownmixSampleProvider(ISampleProvider source)
    {
        _source = source;
        _channels = source.WaveFormat.Channels;
        WaveFormat = WaveFormat.CreateIeeeFloatWaveFormat(source.WaveFormat.SampleRate, 1);
    }

    public WaveFormat WaveFormat { get; }

    public int Read(Span<float> buffer)
    {
        int needed = buffer.Length * _channels;
        if (_buffer.Length < needed)
        {
            _buffer = new float[needed];
        }

        int read = _source.Read(_buffer.AsSpan(0, needed));
        int frames = read / _channels;
        for (int frame = 0; frame < frames; frame++)
        {
            float sum = 0;
            for (int channel = 0; channel < _channels; channel++)
            {
                sum += _buffer[(frame * _channels) + channel];
            }

            buffer[frame] = sum / _channels;
        }

        return frames;
    }
}
