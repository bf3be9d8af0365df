using System.Diagnostics.Metrics;
using ContactCenter.CallEngine.Configuration;
using ContactCenter.Contracts.Calls;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ContactCenter.CallEngine.Media;

/// <summary>
/// The recordings' volume as an operator watches it (issue #15): its free space as a gauge
/// (<c>recordings.volume_free</c>), recordings that are not whole counted by what they left (<c>recordings.failed</c>),
/// each such recording logged once, and the volume found full (a write refused for want of space, or less free than
/// <see cref="RecordingOptions.MinFreeMegabytes"/>) logged once until a recording is whole again - not per call, not per packet.
/// </summary>
internal sealed class RecordingVolume
{
    // ENOSPC on Linux and macOS (.NET's IOException carries the errno); ERROR_DISK_FULL and ERROR_HANDLE_DISK_FULL on Windows.
    private static readonly int[] DiskFullCodes = [28, unchecked((int)0x80070070), unchecked((int)0x80070027)];

    private readonly IOptionsMonitor<CallEngineOptions> _options;
    private readonly ILogger<RecordingVolume> _logger;
    private readonly Counter<long> _failed;
    private int _full;

    /// <summary>Creates the instruments on the engine's meter.</summary>
    public RecordingVolume(IMeterFactory meterFactory, IOptionsMonitor<CallEngineOptions> options, ILogger<RecordingVolume> logger)
    {
        _options = options;
        _logger = logger;
        var meter = meterFactory.Create(CallEngineMetrics.MeterName);
        _failed = meter.CreateCounter<long>("recordings.failed", "{recording}",
            "Recordings that are not whole, by what they left: Partial (stopped by a failed write) or Missing.");
        meter.CreateObservableGauge("recordings.volume_free", ReadFreeBytes, "By", "Bytes free on the recordings' volume.");
    }

    /// <summary>A recording was kept whole: the volume has room (again).</summary>
    public void Completed()
    {
        if (Interlocked.Exchange(ref _full, 0) == 1 && _logger.IsEnabled(LogLevel.Information))
        {
            _logger.RecordingVolumeHasRoom(FreeMegabytes(), Folder);
        }
    }

    /// <summary>A recording is not whole (<paramref name="file"/> says what it left) because of <paramref name="cause"/>.</summary>
    public void Failed(Guid callId, RecordingFileState file, string problem, Exception? cause)
    {
        _failed.Add(1, new KeyValuePair<string, object?>("file", file.ToString()));
        _logger.RecordingIncomplete(callId, file, problem);
        var full = cause is RecordingVolumeFullException || (cause is IOException io && DiskFullCodes.Contains(io.HResult));
        if (full && Interlocked.Exchange(ref _full, 1) == 0 && _logger.IsEnabled(LogLevel.Warning))
        {
            _logger.RecordingVolumeFull(FreeMegabytes(), Folder, _options.CurrentValue.Recording.MinFreeMegabytes);
        }
    }

    private string Folder => Path.GetFullPath(_options.CurrentValue.Recording.Directory);

    private long? FreeMegabytes() => FreeBytes() is { } bytes ? bytes / (1024 * 1024) : null;

    private long? FreeBytes()
    {
        try
        {
            var folder = Folder;
            return Directory.Exists(folder) ? new DriveInfo(folder).AvailableFreeSpace : null;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArgumentException)
        {
            return null;
        }
    }

    private IEnumerable<Measurement<long>> ReadFreeBytes() => FreeBytes() is { } bytes ? [new Measurement<long>(bytes)] : [];
}
