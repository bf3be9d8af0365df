using System.Net;
using ContactCenter.Sip.UserAgents.Registration;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ContactCenter.Sip.UserAgents.Authentication;

/// <summary>
/// Counts password guesses per source address (IPv6 per /64) and per extension, and blocks either after
/// <see cref="RegistrarOptions.MaxFailures"/> within <see cref="RegistrarOptions.FailureWindow"/>, for
/// <see cref="RegistrarOptions.BlockFor"/>, doubled for each new block of the same source or extension up to
/// <see cref="RegistrarOptions.MaxBlockFor"/>. A guess is a wrong answer to a nonce this server gave to that very source
/// (<see cref="DigestVerification.CountsAsGuess"/>): forged or replayed requests from a spoofed address never count, so
/// they cannot lock a real phone out. While an extension is blocked only the addresses it recently authenticated from
/// (its phones) get in. Every guess and every block is one Warning line naming address, user and method (the form
/// deploy/fail2ban matches). Thread-safe.
/// </summary>
public sealed class AuthFailureLimiter
{
    private const int MaxKnownAddressesPerExtension = 8;
    private const int MaxLoggedUserLength = 64;
    private readonly RegistrarOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger<AuthFailureLimiter> _logger;
    private readonly UserAgentsMetrics _metrics;
    private readonly Lock _gate = new();
    private readonly Dictionary<string, Counter> _counters = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Dictionary<string, DateTimeOffset>> _knownAddresses = new(StringComparer.Ordinal);

    /// <summary>Creates the limiter.</summary>
    public AuthFailureLimiter(IOptions<RegistrarOptions> options, TimeProvider time, ILogger<AuthFailureLimiter> logger, UserAgentsMetrics metrics)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options.Value;
        _time = time;
        _logger = logger;
        _metrics = metrics;
    }

    /// <summary>True while <paramref name="source"/> (its /64 for IPv6) is blocked.</summary>
    public bool IsBlocked(IPAddress source)
    {
        ArgumentNullException.ThrowIfNull(source);
        lock (_gate)
        {
            return BlockedUntil(AddressKey(source), _time.GetUtcNow()) is not null;
        }
    }

    /// <summary>
    /// True while <paramref name="extension"/> is blocked for <paramref name="source"/>: the extension is blocked and the
    /// source is not one it authenticated from within <see cref="RegistrarOptions.MaxBlockFor"/>.
    /// </summary>
    public bool IsExtensionBlocked(string extension, IPAddress source)
    {
        ArgumentNullException.ThrowIfNull(extension);
        ArgumentNullException.ThrowIfNull(source);
        var now = _time.GetUtcNow();
        lock (_gate)
        {
            return BlockedUntil(ExtensionKey(extension), now) is not null
                   && !(_knownAddresses.TryGetValue(extension, out var known) && known.TryGetValue(AddressKey(source), out var seen)
                        && now - seen < _options.MaxBlockFor);
        }
    }

    /// <summary>Remembers that <paramref name="extension"/> authenticated from <paramref name="source"/> (its phone keeps working through a block).</summary>
    public void RecordSuccess(IPAddress source, string extension)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(extension);
        var now = _time.GetUtcNow();
        lock (_gate)
        {
            if (!_knownAddresses.TryGetValue(extension, out var known))
            {
                if (_knownAddresses.Count >= _options.MaxTrackedSources)
                {
                    _knownAddresses.Clear();
                }

                known = new Dictionary<string, DateTimeOffset>(StringComparer.Ordinal);
                _knownAddresses.Add(extension, known);
            }

            known[AddressKey(source)] = now;
            if (known.Count > MaxKnownAddressesPerExtension)
            {
                known.Remove(known.MinBy(k => k.Value).Key);
            }
        }
    }

    /// <summary>
    /// Records the outcome of a failed check of a <paramref name="method"/> request from <paramref name="source"/>; only a
    /// guess (<see cref="DigestVerification.CountsAsGuess"/>) counts. True when it got the source or the extension blocked.
    /// </summary>
    public bool RecordFailure(IPAddress source, DigestVerification verification, string method)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(verification);
        ArgumentNullException.ThrowIfNull(method);
        if (!verification.CountsAsGuess)
        {
            return false;
        }

        _metrics.AuthenticationFailed();
        var user = Printable(verification.AttemptedUsername);
        var verb = Printable(method);
        var now = _time.GetUtcNow();
        (int Failures, TimeSpan For)? sourceBlock, extensionBlock = null;
        lock (_gate)
        {
            sourceBlock = Count(AddressKey(source), now);
            if (verification.AttemptedUsername is { Length: > 0 } attempted)
            {
                extensionBlock = Count(ExtensionKey(attempted), now);
            }
        }

        _logger.AuthenticationFailed(source, user, verb);
        if (sourceBlock is { } s)
        {
            _logger.SourceBlocked(source, user, verb, s.For, s.Failures);
            _metrics.SourceBlocked();
        }

        if (extensionBlock is { } e)
        {
            _logger.ExtensionBlocked(user, source, verb, e.For, e.Failures);
            _metrics.SourceBlocked();
        }

        return sourceBlock is not null || extensionBlock is not null;
    }

    // One more failure for key; the block it starts, if it does.
    private (int Failures, TimeSpan For)? Count(string key, DateTimeOffset now)
    {
        if (!_counters.TryGetValue(key, out var counter))
        {
            MakeRoom(now);
            counter = new Counter();
            _counters.Add(key, counter);
        }

        if (counter.BlockedUntil is { } until && until > now)
        {
            return null;
        }

        counter.Failures.Enqueue(now);
        while (counter.Failures.Peek() <= now - _options.FailureWindow)
        {
            counter.Failures.Dequeue();
        }

        var failures = counter.Failures.Count;
        if (failures < _options.MaxFailures)
        {
            return null;
        }

        // A block that follows an earlier one soon after lasts twice as long, up to MaxBlockFor.
        if (counter.BlockedUntil is { } previous && now - previous > _options.MaxBlockFor)
        {
            counter.Blocks = 0;
        }

        var blockFor = TimeSpan.FromTicks(Math.Min(_options.MaxBlockFor.Ticks, _options.BlockFor.Ticks << Math.Min(counter.Blocks, 20)));
        counter.Blocks++;
        counter.Failures.Clear();
        counter.BlockedUntil = now + blockFor;
        return (failures, blockFor);
    }

    private DateTimeOffset? BlockedUntil(string key, DateTimeOffset now) =>
        _counters.TryGetValue(key, out var counter) && counter.BlockedUntil is { } until && until > now ? until : null;

    private void MakeRoom(DateTimeOffset now)
    {
        if (_counters.Count < _options.MaxTrackedSources)
        {
            return;
        }

        var windowStart = now - _options.FailureWindow;
        foreach (var (key, counter) in _counters)
        {
            var blockForgotten = counter.BlockedUntil is not { } until || now - until > _options.MaxBlockFor;
            if (blockForgotten && (counter.Failures.Count == 0 || counter.Failures.Last() <= windowStart))
            {
                _counters.Remove(key);
            }
        }

        // Still full: forget one that is not blocked rather than grow without bound.
        if (_counters.Count >= _options.MaxTrackedSources
            && _counters.FirstOrDefault(c => c.Value.BlockedUntil is not { } until || until <= now).Key is { } victim)
        {
            _counters.Remove(victim);
        }
    }

    private static string AddressKey(IPAddress address) => "a " + SourceNetwork.Of(address);

    private static string ExtensionKey(string extension) => "e " + extension;

    // User names and methods come from the attacker: one short token, nothing a log reader (fail2ban) could take for
    // another field or another line.
    private static string Printable(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return "-";
        }

        var chars = text.Length > MaxLoggedUserLength ? text[..MaxLoggedUserLength].ToCharArray() : text.ToCharArray();
        for (var i = 0; i < chars.Length; i++)
        {
            if (!(char.IsAsciiLetterOrDigit(chars[i]) || chars[i] is '.' or '-' or '_' or '+' or '*'))
            {
                chars[i] = '?';
            }
        }

        return new string(chars);
    }

    private sealed class Counter
    {
        public Queue<DateTimeOffset> Failures { get; } = new();

        public DateTimeOffset? BlockedUntil { get; set; }

        public int Blocks { get; set; }
    }
}
