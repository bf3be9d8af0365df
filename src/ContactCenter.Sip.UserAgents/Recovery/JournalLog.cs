using System.Buffers;
using System.Buffers.Binary;
using System.Text;

namespace ContactCenter.Sip.UserAgents.Recovery;

/// <summary>An entry a dead run left open: its run's folder, its key and what was written for it.</summary>
/// <param name="Run">The dead run's folder.</param>
/// <param name="Key">The entry's key (a call or dialog id).</param>
/// <param name="Content">The bytes last written for it.</param>
/// <param name="LegacyFile">The entry's own file when an older version wrote one file per entry.</param>
public sealed record JournalEntry(string Run, string Key, byte[] Content, string? LegacyFile = null);

/// <summary>
/// The run journal's file format: records appended one after another, each a 4-byte little-endian length of what follows,
/// an operation byte (<c>W</c> written, <c>D</c> deleted), the key's length in one byte, the key (ASCII) and, for a write,
/// the content. The last record a killed process wrote is whole (one write to the kernel); a torn tail (a full disk) is
/// ignored. Runs of older versions kept one <c>*.entry</c> file per entry; those are read too.
/// </summary>
internal static class JournalLog
{
    /// <summary>The log's name in a run's folder.</summary>
    public const string FileName = "journal.log";

    private const byte Written = (byte)'W';
    private const byte Deleted = (byte)'D';

    /// <summary>Appends one record to <paramref name="buffer"/>: <paramref name="key"/> written with <paramref name="content"/>, or deleted (null).</summary>
    public static void AppendRecord(IBufferWriter<byte> buffer, string key, byte[]? content)
    {
        if (key.Length is 0 or > 255)
        {
            throw new ArgumentException("A journal key has 1 to 255 characters.", nameof(key));
        }

        var length = 2 + key.Length + (content?.Length ?? 0);
        var span = buffer.GetSpan(4 + length);
        BinaryPrimitives.WriteInt32LittleEndian(span, length);
        span[4] = content is null ? Deleted : Written;
        span[5] = (byte)key.Length;
        Encoding.ASCII.GetBytes(key, span[6..]);
        content?.CopyTo(span[(6 + key.Length)..]);
        buffer.Advance(4 + length);
    }

    /// <summary>What <paramref name="run"/> left open: its log replayed (last write wins, a delete removes), and older per-entry files.</summary>
    public static IEnumerable<JournalEntry> ReadLive(string run)
    {
        var live = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        var path = Path.Combine(run, FileName);
        if (File.Exists(path))
        {
            var bytes = File.ReadAllBytes(path).AsSpan();
            while (bytes.Length >= 6)
            {
                var length = BinaryPrimitives.ReadInt32LittleEndian(bytes);
                if (length < 2 || length > bytes.Length - 4 || bytes[5] == 0 || 2 + bytes[5] > length)
                {
                    break; // a torn or damaged tail: nothing after it can be trusted
                }

                var key = Encoding.ASCII.GetString(bytes.Slice(6, bytes[5]));
                if (bytes[4] == Written)
                {
                    live[key] = bytes.Slice(6 + bytes[5], length - 2 - bytes[5]).ToArray();
                }
                else
                {
                    live.Remove(key);
                }

                bytes = bytes[(4 + length)..];
            }
        }

        foreach (var (key, content) in live)
        {
            yield return new JournalEntry(run, key, content);
        }

        foreach (var file in Directory.GetFiles(run, "*.entry").Order(StringComparer.Ordinal))
        {
            yield return new JournalEntry(run, Path.GetFileNameWithoutExtension(file), File.ReadAllBytes(file), file);
        }
    }

    /// <summary>Marks <paramref name="entry"/> of a dead run as dealt with: a delete record in its log (or its old file removed).</summary>
    public static void Forget(JournalEntry entry)
    {
        if (entry.LegacyFile is { } file)
        {
            File.Delete(file);
            return;
        }

        var buffer = new ArrayBufferWriter<byte>(8 + entry.Key.Length);
        AppendRecord(buffer, entry.Key, null);
        using var stream = new FileStream(Path.Combine(entry.Run, FileName), FileMode.Append, FileAccess.Write, FileShare.ReadWrite);
        stream.Write(buffer.WrittenSpan);
    }
}

/// <summary>A run's open log: appends at its end with one positioned write each (no seek, no stream buffer).</summary>
internal sealed class JournalFile : IDisposable
{
    private readonly FileStream _stream;

    private JournalFile(FileStream stream) => _stream = stream;

    /// <summary>The bytes written so far.</summary>
    public long Length { get; private set; }

    /// <summary>Creates (or empties) the log at <paramref name="path"/>, readable by the owner only.</summary>
    public static JournalFile Create(string path)
    {
        var options = new FileStreamOptions { Mode = FileMode.Create, Access = FileAccess.Write, Share = FileShare.Read, BufferSize = 0 };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        return new JournalFile(new FileStream(path, options));
    }

    /// <summary>Appends <paramref name="bytes"/> in one write.</summary>
    public void Append(ReadOnlySpan<byte> bytes)
    {
        try
        {
            RandomAccess.Write(_stream.SafeFileHandle, bytes, Length);
        }
        catch (IOException)
        {
            // A full disk may have taken part of the write: cut it off, or older records left past a shorter later write
            // would read as whole ones after the newer ones.
            TryCutTo(Length);
            throw;
        }

        Length += bytes.Length;
    }

    private void TryCutTo(long length)
    {
        try
        {
            RandomAccess.SetLength(_stream.SafeFileHandle, length);
        }
        catch (IOException)
        {
            // Nothing better to do; the next append writes from Length again.
        }
    }

    /// <inheritdoc />
    public void Dispose() => _stream.Dispose();
}
