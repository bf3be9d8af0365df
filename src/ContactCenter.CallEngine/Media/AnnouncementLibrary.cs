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
/// use (its write time is part of the cache key), so announcements change without a restart; <see cref="ReplaceAsync"/>
/// writes a new one atomically (a call never reads half a file).
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

    /// <summary>The folder the announcements are in.</summary>
    public string DirectoryPath
    {
        get
        {
            var current = options.CurrentValue;
            return Path.GetFullPath(Path.IsPathRooted(current.Directory) || current.BaseDirectory is null
                ? current.Directory
                : Path.Combine(current.BaseDirectory, current.Directory));
        }
    }

    /// <summary>True for a name an admin may give a new or replaced announcement: lower-case letters, digits and dashes, at most 48.</summary>
    public static bool IsSafeName(string? name) =>
        name is { Length: > 0 and <= 48 } && char.IsAsciiLetterOrDigit(name[0])
        && name.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c == '-');

    /// <summary>The configured announcements and every other WAV file in the folder (prompt pieces), by name.</summary>
    public IReadOnlyList<AnnouncementInfo> List()
    {
        var configured = options.CurrentValue.Files.Keys.Where(IsSafeName);
        var found = System.IO.Directory.Exists(DirectoryPath)
            ? System.IO.Directory.EnumerateFiles(DirectoryPath, "*.wav").Select(Path.GetFileNameWithoutExtension).Where(IsSafeName)
            : [];
        // A configured file outside the folder (a subfolder, an absolute path) is not listed: the console manages the folder.
        return [.. configured.Union(found!, StringComparer.Ordinal).Order(StringComparer.Ordinal).Select(n => Describe(n!)).OfType<AnnouncementInfo>()];
    }

    /// <summary>Announcement <paramref name="name"/> as it is on disk now, or null for a name that is not safe or outside the folder.</summary>
    public AnnouncementInfo? Describe(string name)
    {
        if (!IsSafeName(name) || GetPath(name) is not { } path || !string.Equals(Path.GetDirectoryName(path), DirectoryPath, StringComparison.Ordinal))
        {
            return null;
        }

        var file = new FileInfo(path);
        var configured = options.CurrentValue.Files.ContainsKey(name);
        if (!file.Exists)
        {
            return new AnnouncementInfo(name, file.Name, configured, false, 0, null, null, null, null);
        }

        var wav = AudioFileLoader.Describe(path);
        return new AnnouncementInfo(name, file.Name, configured, true, file.Length, wav?.SampleRate, wav?.Channels, wav?.Duration,
            new DateTimeOffset(file.LastWriteTimeUtc, TimeSpan.Zero));
    }

    /// <summary>
    /// Replaces (or adds) announcement <paramref name="name"/> with <paramref name="wav"/>: decoded with NAudio, mixed to
    /// mono and resampled to 8 kHz, written to a temporary file in the folder and renamed over the old one, so a call
    /// plays either the old or the new file, never half of one. <see cref="ReplaceResult.Error"/> says what is wrong with
    /// bad input (nothing is written then).
    /// </summary>
    public async Task<ReplaceResult> ReplaceAsync(string name, ReadOnlyMemory<byte> wav, CancellationToken cancellationToken)
    {
        if (Describe(name) is null)
        {
            return new ReplaceResult(null, $"'{name}' is not an announcement name: use lower-case letters, digits and dashes (at most 48), e.g. greeting.");
        }

        short[] samples;
        try
        {
            using var input = new MemoryStream(wav.ToArray(), writable: false);
            samples = AudioFileLoader.ReadPcm8kMono(input);
        }
        catch (FormatException ex)
        {
            return new ReplaceResult(null, $"The file is not a WAV file NAudio can read ({ex.Message.TrimEnd('.')}): give PCM 8/16/24/32-bit or IEEE float WAV.");
        }

        if (samples.Length < G711.SamplesPerFrame)
        {
            return new ReplaceResult(null, "The WAV file holds no sound (less than 20 ms).");
        }

        var path = GetPath(name)!;
        var temporary = Path.Combine(DirectoryPath, $".{name}.{Guid.NewGuid():N}.upload");
        try
        {
            await using (var output = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None, 81_920, useAsync: true))
            {
                AudioFileLoader.WritePcm8kMonoWav(samples, output);
                await output.FlushAsync(cancellationToken).ConfigureAwait(false);
                output.Flush(flushToDisk: true);
            }

            File.Move(temporary, path, overwrite: true);
        }
        finally
        {
            if (File.Exists(temporary))
            {
                File.Delete(temporary);
            }
        }

        LogReplaced(logger, name, path, samples.Length / (double)G711.SampleRate);
        return new ReplaceResult(Describe(name), null);
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

        return Path.GetFullPath(Path.Combine(DirectoryPath, file));
    }

    /// <summary>What <see cref="ReplaceAsync"/> did: the new announcement, or why nothing was written.</summary>
    public sealed record ReplaceResult(AnnouncementInfo? Announcement, string? Error);

    [LoggerMessage(Level = LogLevel.Information, Message = "Announcement {Name} replaced ({Path}, {Seconds:F1} s); the next call plays it")]
    private static partial void LogReplaced(ILogger logger, string name, string path, double seconds);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Announcement {Name} ({Path}) cannot be read; a built-in tone plays instead")]
    private static partial void LogUnreadable(ILogger logger, Exception exception, string name, string path);
}
