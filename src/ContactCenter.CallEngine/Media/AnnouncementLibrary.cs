using System.Collections.Concurrent;
using ContactCenter.CallEngine.Configuration;
using ContactCenter.Media.Audio;
using ContactCenter.Media.Codecs;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ContactCenter.CallEngine.Media;

/// <summary>
/// The announcements named in <see cref="AnnouncementOptions.Files"/>, loaded from WAV (any format NAudio reads,
/// resampled to 8 kHz mono) and encoded to G.711 on first use. A file replaced on disk is read again on its next
/// use (its write time is part of the cache key), so announcements change without a restart.
/// </summary>
public sealed partial class AnnouncementLibrary(IOptionsMonitor<AnnouncementOptions> options, ILogger<AnnouncementLibrary> logger)
{
    private readonly ConcurrentDictionary<(string Path, DateTime Written, G711Law Law), G711Frames> _cache = new();

    /// <summary>The frames of announcement <paramref name="name"/> in <paramref name="law"/>, or null when it is not configured or unreadable.</summary>
    public async ValueTask<G711Frames?> GetAsync(string name, G711Law law, CancellationToken cancellationToken)
    {
        var path = GetPath(name);
        if (path is null || !File.Exists(path))
        {
            return null;
        }

        var key = (path, File.GetLastWriteTimeUtc(path), law);
        if (_cache.TryGetValue(key, out var frames))
        {
            return frames;
        }

        try
        {
            frames = await AudioFileLoader.LoadG711FramesAsync(path, law, cancellationToken).ConfigureAwait(false);
        }
#pragma warning disable CA1031 // A bad announcement file must not fail a call: the caller hears the built-in tone instead.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            LogUnreadable(logger, ex, name, path);
            return null;
        }

        foreach (var stale in _cache.Keys.Where(k => k.Path == path && k.Written != key.Item2))
        {
            _cache.TryRemove(stale, out _);
        }

        _cache[key] = frames;
        return frames;
    }

    /// <summary>
    /// The frames of the announcements <paramref name="names"/> played one after another (e.g. "you are number",
    /// "3", "in the queue"), or null when any of them is missing.
    /// </summary>
    public async ValueTask<G711Frames?> GetSequenceAsync(IReadOnlyList<string> names, G711Law law, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(names);
        var parts = new List<G711Frames>(names.Count);
        foreach (var name in names)
        {
            if (await GetAsync(name, law, cancellationToken).ConfigureAwait(false) is not { } part)
            {
                return null;
            }

            parts.Add(part);
        }

        return parts.Count == 0 ? null : G711Frames.Concat(parts);
    }

    /// <summary>
    /// The full path of announcement <paramref name="name"/>: the file <c>Sip:Announcements:Files</c> names, else
    /// <c>NAME.wav</c> in the announcement folder (prompt pieces such as <c>number-3</c>); null for a name that is not
    /// a plain file name.
    /// </summary>
    public string? GetPath(string name)
    {
        var current = options.CurrentValue;
        if (!current.Files.TryGetValue(name, out var file) || string.IsNullOrWhiteSpace(file))
        {
            if (string.IsNullOrEmpty(name) || !name.All(c => char.IsAsciiLetterOrDigit(c) || c == '-'))
            {
                return null;
            }

            file = name + ".wav";
        }

        var directory = Path.IsPathRooted(current.Directory) || current.BaseDirectory is null
            ? current.Directory
            : Path.Combine(current.BaseDirectory, current.Directory);
        return Path.GetFullPath(Path.Combine(directory, file));
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Announcement {Name} ({Path}) cannot be read; a built-in tone plays instead")]
    private static partial void LogUnreadable(ILogger logger, Exception exception, string name, string path);
}
