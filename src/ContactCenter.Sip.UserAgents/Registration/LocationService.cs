using System.Collections.Concurrent;
using ContactCenter.Sip.Syntax;
using ContactCenter.Sip.Syntax.Headers;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ContactCenter.Sip.UserAgents.Registration;

/// <summary>
/// The in-memory location service (RFC 3261 §10): contact bindings per extension. Each extension's
/// bindings are changed under that extension's own lock; each binding owns one timer that removes it
/// when it lapses. Events are raised after the change is visible, outside the lock.
/// </summary>
public sealed class LocationService : IDisposable
{
    private readonly ConcurrentDictionary<string, AddressOfRecord> _records = new(StringComparer.Ordinal);
    private readonly TimeProvider _time;
    private readonly RegistrarOptions _options;
    private readonly ILogger<LocationService> _logger;
    private readonly UserAgentsMetrics _metrics;
    private bool _disposed;

    /// <summary>Creates an empty location service.</summary>
    public LocationService(TimeProvider time, IOptions<RegistrarOptions> options, ILogger<LocationService> logger, UserAgentsMetrics metrics)
    {
        ArgumentNullException.ThrowIfNull(options);
        _time = time;
        _options = options.Value;
        _logger = logger;
        _metrics = metrics;
    }

    /// <summary>A binding was added or refreshed.</summary>
    public event EventHandler<BindingEventArgs>? Registered;

    /// <summary>A binding was removed by a REGISTER (expires 0 or <c>Contact: *</c>).</summary>
    public event EventHandler<BindingEventArgs>? Unregistered;

    /// <summary>A binding lapsed without being refreshed.</summary>
    public event EventHandler<BindingEventArgs>? Expired;

    /// <summary>The current bindings of <paramref name="extension"/>, highest q first; empty when none.</summary>
    public IReadOnlyList<ContactBinding> Lookup(string extension)
    {
        ArgumentNullException.ThrowIfNull(extension);
        if (!_records.TryGetValue(extension, out var record))
        {
            return [];
        }

        lock (record.Gate)
        {
            return Snapshot(record);
        }
    }

    /// <summary>How many unexpired bindings <paramref name="extension"/> has (no copy is made: for hot paths such as routing).</summary>
    public int CountBindings(string extension)
    {
        ArgumentNullException.ThrowIfNull(extension);
        if (!_records.TryGetValue(extension, out var record))
        {
            return 0;
        }

        var now = _time.GetUtcNow();
        lock (record.Gate)
        {
            var count = 0;
            foreach (var entry in record.Entries)
            {
                if (entry.Binding.ExpiresAt > now)
                {
                    count++;
                }
            }

            return count;
        }
    }

    /// <summary>
    /// Adds, refreshes or removes the bindings named in <paramref name="requests"/> for a REGISTER with
    /// <paramref name="callId"/> and <paramref name="cseq"/> received from <paramref name="source"/>.
    /// All or nothing (RFC 3261 §10.3 step 7).
    /// </summary>
    public BindingUpdateResult Update(string extension, string callId, uint cseq, IReadOnlyList<BindingRequest> requests, SipEndPointInfo source)
    {
        ArgumentNullException.ThrowIfNull(extension);
        ArgumentNullException.ThrowIfNull(callId);
        ArgumentNullException.ThrowIfNull(requests);
        ArgumentNullException.ThrowIfNull(source);
        return Change(extension, record =>
        {
            // RFC 3261 §10.3 step 7: same Call-ID needs a higher CSeq, for every binding touched.
            var count = record.Entries.Count;
            foreach (var request in requests)
            {
                var existing = Find(record, request.Contact.Uri);
                if (existing is not null && existing.Binding.CallId == callId && cseq <= existing.Binding.CSeq)
                {
                    return BindingUpdateStatus.OutOfOrder;
                }

                count += existing is null && request.Expires > TimeSpan.Zero ? 1 : 0;
            }

            if (count > _options.MaxBindingsPerExtension && count > record.Entries.Count)
            {
                return BindingUpdateStatus.TooManyBindings;
            }

            var now = _time.GetUtcNow();
            foreach (var request in requests)
            {
                var existing = Find(record, request.Contact.Uri);
                if (existing is not null)
                {
                    Remove(record, existing);
                }

                if (request.Expires <= TimeSpan.Zero)
                {
                    if (existing is not null)
                    {
                        record.Pending.Add(new PendingEvent(BindingEventKind.Unregistered, existing.Binding, false));
                    }

                    continue;
                }

                var contact = request.Contact.Parameters.Contains("expires")
                    ? SipNameAddress.Create(request.Contact.Uri, request.Contact.DisplayName, request.Contact.Parameters.Without("expires"))
                    : request.Contact;
                var binding = new ContactBinding(extension, contact, source, callId, cseq, now, now + request.Expires);
                Add(record, binding, request.Expires);
                record.Pending.Add(new PendingEvent(BindingEventKind.Registered, binding, existing is not null));
            }

            return BindingUpdateStatus.Applied;
        });
    }

    /// <summary>
    /// Removes every binding of <paramref name="extension"/> (<c>Contact: *</c>, RFC 3261 §10.3 step 6):
    /// refused when a binding has the same Call-ID and a CSeq not lower than <paramref name="cseq"/>.
    /// </summary>
    public BindingUpdateResult RemoveAll(string extension, string callId, uint cseq)
    {
        ArgumentNullException.ThrowIfNull(extension);
        ArgumentNullException.ThrowIfNull(callId);
        return Change(extension, record =>
        {
            if (record.Entries.Exists(e => e.Binding.CallId == callId && cseq <= e.Binding.CSeq))
            {
                return BindingUpdateStatus.OutOfOrder;
            }

            foreach (var entry in record.Entries.ToArray())
            {
                Remove(record, entry);
                record.Pending.Add(new PendingEvent(BindingEventKind.Unregistered, entry.Binding, false));
            }

            return BindingUpdateStatus.Applied;
        });
    }

    /// <summary>Every unexpired binding of every extension (a copy).</summary>
    public IReadOnlyList<ContactBinding> All()
    {
        var all = new List<ContactBinding>();
        foreach (var record in _records.Values)
        {
            lock (record.Gate)
            {
                all.AddRange(Snapshot(record));
            }
        }

        return all;
    }

    /// <summary>
    /// Puts back a binding an earlier run of the service held (<see cref="BindingStore"/>), with its own expiry, and raises
    /// <see cref="Registered"/> for it. False when it has lapsed, when the extension already binds that contact (a REGISTER
    /// since the start wins) or when the extension is full.
    /// </summary>
    public bool Restore(ContactBinding binding)
    {
        ArgumentNullException.ThrowIfNull(binding);
        var lifetime = binding.ExpiresAt - _time.GetUtcNow();
        if (lifetime <= TimeSpan.Zero)
        {
            return false;
        }

        var restored = false;
        Change(binding.Extension, record =>
        {
            if (Find(record, binding.Uri) is null && record.Entries.Count < _options.MaxBindingsPerExtension)
            {
                Add(record, binding, lifetime);
                record.Pending.Add(new PendingEvent(BindingEventKind.Registered, binding, false));
                restored = true;
            }

            return BindingUpdateStatus.Applied;
        });
        return restored;
    }

    /// <summary>Stops every binding timer. Bindings are not reported as expired.</summary>
    public void Dispose()
    {
        _disposed = true;
        foreach (var record in _records.Values)
        {
            lock (record.Gate)
            {
                foreach (var entry in record.Entries)
                {
                    entry.Timer?.Dispose();
                }

                record.Entries.Clear();
            }
        }
    }

    private BindingUpdateResult Change(string extension, Func<AddressOfRecord, BindingUpdateStatus> change)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        while (true)
        {
            var record = _records.GetOrAdd(extension, static e => new AddressOfRecord(e));
            BindingUpdateResult result;
            List<PendingEvent> pending;
            lock (record.Gate)
            {
                if (record.Retired)
                {
                    // Emptied and dropped from the table by another change meanwhile: use the new one.
                    continue;
                }

                var status = change(record);
                result = new BindingUpdateResult(status, Snapshot(record));
                pending = [.. record.Pending];
                record.Pending.Clear();
                RetireIfEmpty(record);
            }

            Raise(pending);
            return result;
        }
    }

    private void OnTimer(AddressOfRecord record, BindingEntry entry)
    {
        ContactBinding binding;
        lock (record.Gate)
        {
            if (!record.Entries.Contains(entry))
            {
                return;
            }

            Remove(record, entry);
            binding = entry.Binding;
            RetireIfEmpty(record);
        }

        _logger.BindingExpired(binding.Extension, binding.Uri);
        Raise([new PendingEvent(BindingEventKind.Expired, binding, false)]);
    }

    private void Add(AddressOfRecord record, ContactBinding binding, TimeSpan lifetime)
    {
        var entry = new BindingEntry(binding);
        record.Entries.Add(entry);
        entry.Timer = _time.CreateTimer(static s => ((TimerState)s!).Fire(), new TimerState(this, record, entry), lifetime, Timeout.InfiniteTimeSpan);
        _metrics.BindingsChanged(1);
        _logger.BindingRegistered(binding.Extension, binding.Uri, binding.Source, binding.ExpiresAt);
    }

    private void Remove(AddressOfRecord record, BindingEntry entry)
    {
        record.Entries.Remove(entry);
        entry.Timer?.Dispose();
        _metrics.BindingsChanged(-1);
    }

    private void RetireIfEmpty(AddressOfRecord record)
    {
        if (record.Entries.Count == 0)
        {
            record.Retired = true;
            _records.TryRemove(new KeyValuePair<string, AddressOfRecord>(record.Extension, record));
        }
    }

    private void Raise(List<PendingEvent> events)
    {
        foreach (var (kind, binding, isRefresh) in events)
        {
            var handler = kind switch
            {
                BindingEventKind.Registered => Registered,
                BindingEventKind.Unregistered => Unregistered,
                _ => Expired,
            };
            if (kind == BindingEventKind.Unregistered)
            {
                _logger.BindingUnregistered(binding.Extension, binding.Uri);
            }

            try
            {
                handler?.Invoke(this, new BindingEventArgs(binding, isRefresh));
            }
#pragma warning disable CA1031 // A subscriber's bug must not break the registrar or a timer thread.
            catch (Exception ex)
#pragma warning restore CA1031
            {
                _logger.BindingHandlerFailed(ex, binding.Extension);
            }
        }
    }

    // Once per call placed to a phone (issue #14): one array, no LINQ; an insertion sort keeps equal q in binding order.
    private ContactBinding[] Snapshot(AddressOfRecord record)
    {
        var now = _time.GetUtcNow();
        var entries = record.Entries;
        var live = 0;
        foreach (var entry in entries)
        {
            if (entry.Binding.ExpiresAt > now)
            {
                live++;
            }
        }

        if (live == 0)
        {
            return [];
        }

        var result = new ContactBinding[live];
        var count = 0;
        foreach (var entry in entries)
        {
            var binding = entry.Binding;
            if (binding.ExpiresAt <= now)
            {
                continue;
            }

            var at = count++;
            for (; at > 0 && (result[at - 1].Q ?? 1.0) < (binding.Q ?? 1.0); at--)
            {
                result[at] = result[at - 1];
            }

            result[at] = binding;
        }

        return result;
    }

    private static BindingEntry? Find(AddressOfRecord record, SipUri uri) =>
        record.Entries.Find(e => e.Binding.Uri.IsEquivalentTo(uri));

    private sealed class AddressOfRecord(string extension)
    {
        public string Extension { get; } = extension;

        public Lock Gate { get; } = new();

        public List<BindingEntry> Entries { get; } = [];

        public List<PendingEvent> Pending { get; } = [];

        public bool Retired { get; set; }
    }

    private sealed class BindingEntry(ContactBinding binding)
    {
        public ContactBinding Binding { get; } = binding;

        public ITimer? Timer { get; set; }
    }

    private sealed class TimerState(LocationService owner, AddressOfRecord record, BindingEntry entry)
    {
        public void Fire() => owner.OnTimer(record, entry);
    }

    private enum BindingEventKind
    {
        Registered,
        Unregistered,
        Expired,
    }

    private readonly record struct PendingEvent(BindingEventKind Kind, ContactBinding Binding, bool IsRefresh);
}
