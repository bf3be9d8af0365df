using System.Net;
using System.Text.Json;
using ContactCenter.Sip.Syntax.Headers;
using Microsoft.Extensions.Logging;

namespace ContactCenter.Sip.UserAgents.Registration;

/// <summary>
/// Keeps the registrar's bindings on local disk so that a restart - a crash, an upgrade - does not leave every phone
/// unreachable until its next refresh (an hour for many desk phones), as Kamailio's usrloc and Asterisk's astdb keep
/// theirs. One file, rewritten whole (temporary name, fsync, rename) by one writer at most once per
/// <see cref="FlushInterval"/> after a change; read once at start by <see cref="Restore"/>, which puts back each binding
/// that has not lapsed with its own expiry. Bindings over WebSocket are not kept: their connection died with the process.
/// Over TCP and TLS the phone's connection is gone too, but a request to its contact opens a new one.
/// </summary>
public sealed partial class BindingStore : IDisposable
{
    /// <summary>How soon after a change the file is rewritten (changes meanwhile go in the same write).</summary>
    public static readonly TimeSpan FlushInterval = TimeSpan.FromSeconds(1);

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private readonly LocationService _locations;
    private readonly string _path;
    private readonly TimeProvider _time;
    private readonly ILogger<BindingStore> _logger;
    private readonly SemaphoreSlim _changed = new(0, 1);
    private readonly CancellationTokenSource _stopping = new();
    private Task _writer = Task.CompletedTask;
    private bool _started;
    private bool _failing;

    /// <summary>A store for <paramref name="locations"/> in the file <paramref name="path"/> (its folder is created).</summary>
    public BindingStore(LocationService locations, string path, TimeProvider time, ILogger<BindingStore> logger)
    {
        ArgumentNullException.ThrowIfNull(locations);
        ArgumentException.ThrowIfNullOrEmpty(path);
        (_locations, _path, _time, _logger) = (locations, path, time, logger);
    }

    /// <summary>
    /// Puts back the bindings the file holds (those not lapsed and not over WebSocket), then starts keeping the file up
    /// to date. Returns how many were restored. An unreadable file is logged and set aside, never fatal.
    /// </summary>
    public int Restore()
    {
        var restored = 0;
        foreach (var binding in Read())
        {
            restored += _locations.Restore(binding) ? 1 : 0;
        }

        if (restored > 0)
        {
            LogRestored(_logger, restored);
        }

        _locations.Registered += OnChanged;
        _locations.Unregistered += OnChanged;
        _locations.Expired += OnChanged;
        _started = true;
        _writer = WriteLoopAsync(_stopping.Token);
        Signal(); // the file now says what this run holds
        return restored;
    }

    /// <summary>Writes the current bindings now (tests; the stop).</summary>
    public void Flush() => Write(_locations.All());

    /// <summary>Stops the writer after a last write of the current bindings (when it was started).</summary>
    public void Dispose()
    {
        if (!_started)
        {
            _stopping.Dispose();
            _changed.Dispose();
            return;
        }

        _locations.Registered -= OnChanged;
        _locations.Unregistered -= OnChanged;
        _locations.Expired -= OnChanged;
        _stopping.Cancel();
        try
        {
            _writer.GetAwaiter().GetResult();
        }
        catch (OperationCanceledException)
        {
            // stopped while waiting
        }

        Flush();
        _stopping.Dispose();
        _changed.Dispose();
    }

    private void OnChanged(object? sender, BindingEventArgs e) => Signal();

    private void Signal()
    {
        try
        {
            _changed.Release();
        }
        catch (SemaphoreFullException)
        {
            // a write is already due
        }
    }

    private async Task WriteLoopAsync(CancellationToken stopping)
    {
        await Task.Yield();
        while (!stopping.IsCancellationRequested)
        {
            await _changed.WaitAsync(stopping).ConfigureAwait(false);
            await Task.Delay(FlushInterval, _time, stopping).ConfigureAwait(false);
            Write(_locations.All());
        }
    }

    private void Write(IReadOnlyList<ContactBinding> bindings)
    {
        var rows = bindings.Where(Kept).Select(b => new StoredBinding(b.Extension, b.Contact.ToString(), b.Source.Transport,
            b.Source.Address.ToString(), b.Source.Port, b.CallId, b.CSeq, b.RegisteredAt, b.ExpiresAt)).ToList();
        var temporary = _path + ".tmp";
        try
        {
            Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(_path))!);
            using (var file = new FileStream(temporary, FileMode.Create, FileAccess.Write, FileShare.None))
            {
                JsonSerializer.Serialize(file, rows, Json);
                file.Flush(flushToDisk: true);
            }

            File.Move(temporary, _path, overwrite: true);
            if (_failing)
            {
                _failing = false;
                LogWriting(_logger, _path);
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // A full or read-only disk costs the next start its bindings, never a registration now.
            if (!_failing)
            {
                _failing = true;
                LogWriteFailed(_logger, ex, _path);
            }
        }
    }

    private List<ContactBinding> Read()
    {
        if (!File.Exists(_path))
        {
            return [];
        }

        try
        {
            var rows = JsonSerializer.Deserialize<List<StoredBinding>>(File.ReadAllBytes(_path), Json) ?? [];
            var now = _time.GetUtcNow();
            var bindings = new List<ContactBinding>(rows.Count);
            foreach (var row in rows)
            {
                if (row.ExpiresAt > now && IPAddress.TryParse(row.Address, out var address) && row.Port is > 0 and <= 65535
                    && !string.IsNullOrEmpty(row.Extension) && !string.IsNullOrEmpty(row.CallId)
                    && TryContact(row.Contact) is { } contact)
                {
                    var binding = new ContactBinding(row.Extension, contact, new SipEndPointInfo(row.Transport.ToUpperInvariant(), address, row.Port),
                        row.CallId, row.CSeq, row.RegisteredAt, row.ExpiresAt);
                    if (Kept(binding))
                    {
                        bindings.Add(binding);
                    }
                }
            }

            return bindings;
        }
        catch (Exception ex) when (ex is JsonException or IOException or UnauthorizedAccessException or NotSupportedException)
        {
            LogUnreadable(_logger, ex, _path);
            try
            {
                File.Move(_path, _path + ".unreadable", overwrite: true);
            }
            catch (IOException)
            {
                // left where it is; the next write replaces it
            }

            return [];
        }
    }

    private static SipNameAddress? TryContact(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return null;
        }

        try
        {
            return SipNameAddress.Parse(text);
        }
        catch (FormatException)
        {
            return null;
        }
    }

    private static bool Kept(ContactBinding binding) => binding.Source.Transport is "UDP" or "TCP" or "TLS";

    private sealed record StoredBinding(string Extension, string Contact, string Transport, string Address, int Port, string CallId, uint CSeq,
        DateTimeOffset RegisteredAt, DateTimeOffset ExpiresAt);

    [LoggerMessage(EventId = 3020, Level = LogLevel.Information, Message = "Registrations: {Count} binding(s) of the last run restored")]
    private static partial void LogRestored(ILogger logger, int count);

    [LoggerMessage(EventId = 3021, Level = LogLevel.Warning, Message = "Registrations: cannot write {Path}; a restart would lose the bindings")]
    private static partial void LogWriteFailed(ILogger logger, Exception exception, string path);

    [LoggerMessage(EventId = 3022, Level = LogLevel.Information, Message = "Registrations: {Path} written again")]
    private static partial void LogWriting(ILogger logger, string path);

    [LoggerMessage(EventId = 3023, Level = LogLevel.Warning, Message = "Registrations: {Path} cannot be read; set aside, no binding restored")]
    private static partial void LogUnreadable(ILogger logger, Exception exception, string path);
}
