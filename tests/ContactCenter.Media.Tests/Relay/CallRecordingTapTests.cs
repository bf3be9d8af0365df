using ContactCenter.Media.Audio;
using ContactCenter.Media.Relay;

namespace ContactCenter.Media.Tests.Relay;

public sealed class CallRecordingTapTests
{
    [Fact]
    public async Task Tap_DiskFillsMidRecording_RecordingStopsAndNothingThrowsToTheCall()
    {
        var disk = new FullDiskStream(capacity: 4_000);
        var tap = new CallRecordingTap(new CallRecordingWriter(disk, RecordingLayout.MonoMix));
        var frame = new short[160];

        for (var i = 0; i < 100; i++)
        {
            tap.OnAudio(MediaLegSide.A, frame);
            tap.OnAudio(MediaLegSide.B, frame);
        }

        var disposing = Record.ExceptionAsync(async () => await tap.DisposeAsync());

        Assert.Null(await disposing);
        Assert.IsAssignableFrom<IOException>(tap.Failure);
        Assert.True(tap.FramesDropped > 0);
        for (var i = 0; i < 10; i++)
        {
            tap.OnAudio(MediaLegSide.A, frame); // late packets after the failure are dropped quietly
        }
    }

    [Fact]
    public async Task Tap_DiskWithRoom_NoFailure()
    {
        var disk = new FullDiskStream(capacity: 1_000_000);
        var tap = new CallRecordingTap(new CallRecordingWriter(disk, RecordingLayout.MonoMix));

        tap.OnAudio(MediaLegSide.A, new short[160]);
        tap.OnAudio(MediaLegSide.B, new short[160]);
        await tap.DisposeAsync();

        Assert.Null(tap.Failure);
        Assert.True(disk.Written > 320);
    }

    // A file on a disk that has room for `capacity` bytes: writes beyond throw as ENOSPC would.
    private sealed class FullDiskStream(long capacity) : MemoryStream
    {
        public long Written => Length;

        public override void Write(byte[] buffer, int offset, int count)
        {
            if (Position + count > capacity)
            {
                throw new IOException("No space left on device");
            }

            base.Write(buffer, offset, count);
        }

        public override void Write(ReadOnlySpan<byte> buffer) => Write(buffer.ToArray(), 0, buffer.Length);

        public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken)
        {
            Write(buffer.AsSpan(offset, count));
            return Task.CompletedTask;
        }

        public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
        {
            Write(buffer.Span);
            return ValueTask.CompletedTask;
        }
    }
}
